#!/usr/bin/python3
"""indeval's SPC against a vectorised numpy implementation of the same rules, on every LAIT
authority x measure series, in one run.

Series: every (measure, area) of ../shared/data/lait/bds_long.csv.gz (about 640,000 points), points
in period order; the junk period label "0" is dropped, and where a series has one period twice
(e.g. "2022" and "2022 (Rev)") the later row is kept. Improvement from the data dictionary's
polarity (High = increase, Low = decrease, else neutral); target = England's latest figure for
the measure. Timed, best of --repeat:
  (a) indeval.spc(values, series, improvement=, target=) on one thread (and two, for reference);
  (b) bench/spc_numpy.py's spc_numpy: the same rules as whole-column numpy operations.
Both must agree exactly on mean, limits, rule, variation and assurance (asserted). The figure to
read is the ratio (b) / (a).

    INDEVAL_LIBRARY=build/release/capi/libindeval.so /usr/bin/python3 bench/bench_spc.py
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "bindings" / "python"))
sys.path.insert(0, str(REPO / "bench"))

import numpy as np  # noqa: E402

import indeval  # noqa: E402
from spc_numpy import spc_numpy  # noqa: E402

DATA = REPO.parent / "shared" / "data" / "lait"


def load():
    import pandas as pd
    bds = DATA / "bds_long.csv.gz"
    if not bds.exists():
        sys.exit(f"bench_spc: the LAIT data is not here ({bds}); it lives in the shared data folder "
                 f"beside the repository")
    d = pd.read_csv(bds, dtype=str, keep_default_na=False)
    dd = pd.read_csv(DATA / "lait_data_dictionary.csv.gz", dtype=str, keep_default_na=False)
    d = d[d["Years"] != "0"]
    kinds = {"Calendar": "calendar", "Academic": "academic"}
    year_kind = {m: next((v for k, v in kinds.items() if k in str(t)), "financial")
                 for m, t in zip(dd["Measure_short"], dd["Year_Type"])}
    labels = d[["Short Desc", "Years"]].drop_duplicates()
    day = {(m, y): indeval.spc_date(y, year_kind.get(m, "financial"))
           for m, y in zip(labels["Short Desc"], labels["Years"])}
    d = d.assign(day=[day[k] for k in zip(d["Short Desc"], d["Years"])],
                 value=pd.to_numeric(d["Values"], errors="coerce"))
    d = d.drop_duplicates(["Short Desc", "LA Number", "day"], keep="last")
    d = d.sort_values(["Short Desc", "LA Number", "day"], kind="stable")
    series = d.groupby(["Short Desc", "LA Number"], sort=False).ngroup().to_numpy()
    measures = d.groupby(["Short Desc", "LA Number"], sort=False)["Short Desc"].first().to_numpy()
    polarity = dict(zip(dd["Measure_short"], dd["Polarity"]))
    improvement = np.array([{"High": 1, "Low": 2}.get(polarity.get(m, ""), 0) for m in measures],
                           dtype=np.int8)
    england = d[d["LA Number"] == "970"].groupby("Short Desc")["value"].last()
    target = np.array([england.get(m, np.nan) for m in measures])
    return d["value"].to_numpy(dtype=np.float64), series, improvement, target


def best_of(repeat, fn):
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - start)
    return min(times), out


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    values, series, improvement, target = load()
    nseries = len(improvement)
    zeros = np.zeros(nseries, dtype=np.int64)
    screen = np.ones(nseries, dtype=bool)
    t1, ours = best_of(args.repeat, lambda: indeval.spc(values, series, improvement=improvement,
                                                        target=target, threads=1))
    t2, _ = best_of(args.repeat, lambda: indeval.spc(values, series, improvement=improvement,
                                                     target=target, threads=2))
    tn, theirs = best_of(args.repeat, lambda: spc_numpy(values, series, series, improvement,
                                                        target, zeros, screen))
    for field in ("mean", "lower", "upper", "rule", "variation", "assurance"):
        np.testing.assert_array_equal(getattr(ours, field), theirs[field], err_msg=field)
    special = int(np.count_nonzero(ours.rule))
    print(f"{len(values):,} points in {nseries:,} series ({special:,} special-cause points); "
          f"identical results")
    print(f"indeval.spc, 1 thread : {t1 * 1e3:8.1f} ms")
    print(f"indeval.spc, 2 threads: {t2 * 1e3:8.1f} ms")
    print(f"numpy (same rules)    : {tn * 1e3:8.1f} ms")
    print(f"ratio numpy / indeval : {tn / t1:.1f}x on one thread, {tn / t2:.1f}x on two")


if __name__ == "__main__":
    main()
