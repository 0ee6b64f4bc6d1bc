#!/usr/bin/python3
"""Ranks, quartile bands and statistical-neighbour means: indeval against pandas, in one run.

The rows are every local authority x every LAIT measure x every period (about 596,000 rows in
3,771 groups; comparators left out; measures without a polarity take part unranked). Three parts:

1. Correctness: every rank and band of the whole panel equal to an independent pandas computation
   (groupby rank(method="min") on the values read at 15 significant digits, R's type-7 quartiles
   written out in numpy, a value equal to a cut point in the lower-valued band); neighbour means
   equal to a pandas merge + groupby mean (to a few units in the last place: pandas sums in
   another order than R's mean()).
2. Speed of ranks + bands on the panel replicated --copies times (distinct groups), best of
   --repeat: indeval.compare on one thread (and two) against the vectorised pandas a user writes:
   groupby rank + groupby quantile + the band by comparisons.
3. Speed of neighbour means for every authority x measure x period: indeval.neighbour_means
   against a pandas merge + groupby mean.

The figures to read are the ratios pandas time / indeval time (the machine may be shared).

    INDEVAL_LIBRARY=build/release/capi/libindeval.so PYTHONPATH=bindings/python \
        /usr/bin/python3 bench/bench_compare.py [--copies 8] [--repeat 3] [--quick]
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "bindings" / "python"))

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

import indeval  # noqa: E402


def load_example():
    spec = importlib.util.spec_from_file_location("lait_benchmark",
                                                  REPO / "examples" / "lait_benchmark.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def best(fn, repeat):
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t)
    return min(times), result


def type7_cuts(v, g):
    """R's type-7 25/50/75% cut points of every group, exactly as R computes them (numpy)."""
    order = np.lexsort((v, g))
    gs, vs = g[order], v[order]
    starts = np.flatnonzero(np.r_[True, gs[1:] != gs[:-1]])
    n = np.diff(np.r_[starts, len(gs)])
    cuts = []
    for p in (0.25, 0.5, 0.75):
        index = 1 + (n - 1) * p
        lo = np.floor(index).astype(np.int64)
        x_lo = vs[starts + lo - 1]
        x_hi = vs[starts + np.minimum(lo, n - 1)]
        h = index - lo
        cuts.append(np.where((index > lo) & (x_hi != x_lo), (1 - h) * x_lo + h * x_hi, x_lo))
    return gs[starts], cuts


def reference(v, g, high, quartiles, ranked):
    """Rank and band by pandas + numpy, independently of indeval."""
    s = pd.Series(np.where(high, -v, v))
    rank = s.groupby(g).rank(method="min").fillna(0).astype(np.int32).to_numpy()
    ok = ~np.isnan(v)
    ids, cuts = type7_cuts(v[ok], g[ok])
    pos = np.searchsorted(ids, g)
    pos = np.minimum(pos, len(ids) - 1)
    low = sum((v > c[pos]).astype(np.int8) for c in cuts)
    band = np.where(high, 4 - low, 1 + low).astype(np.int8)
    band[~ok | ~quartiles] = 0
    rank[~ranked] = 0
    band[~ranked] = 0
    return rank, band


def pandas_ranks_bands(df):
    """The vectorised pandas a user writes: groupby rank, groupby quantile, the band."""
    signed = df["v"].where(~df["high"], -df["v"])
    rank = signed.groupby(df["g"]).rank(method="min")
    q = df.groupby("g")["v"].quantile([0.25, 0.5, 0.75]).unstack()
    c = q.reindex(df["g"]).to_numpy()
    v = df["v"].to_numpy()
    low = (v > c[:, 0]).astype(np.int8) + (v > c[:, 1]) + (v > c[:, 2])
    band = np.where(df["high"], 4 - low, 1 + low)
    band = np.where(np.isnan(v) | ~df["quartiles"].to_numpy() | ~df["ranked"].to_numpy(), 0, band)
    rank = rank.where(df["ranked"], 0)
    return rank, band


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--copies", type=int, default=8)
    p.add_argument("--repeat", type=int, default=3)
    p.add_argument("--quick", action="store_true", help="a smoke test: one measure, one copy")
    args = p.parse_args(argv)
    example = load_example()
    folder = example.lait_dir()
    if not (folder / "bds_long.csv.gz").is_file():
        print(f"the LAIT data is not here: {folder} (set INDEVAL_SHARED_DIR)", file=sys.stderr)
        return 2
    values, measures, sn = example.load(folder, ["Level3Age19", "TotFixedEx"] if args.quick
                                        else None, every_measure=True)
    regions = indeval.lait_regions()
    la = values[values["area"].isin(regions["area"])].copy()
    # every group's rows together (the file lists each measure's periods oldest first)
    la["g"] = pd.factorize(pd.MultiIndex.from_arrays([la["measure"], la["period"]]))[0]
    la = la.sort_values("g", kind="stable").reset_index(drop=True)
    m = measures.set_index("measure")
    pol = la["measure"].map(m["polarity"])
    la["high"] = pol.eq("High").to_numpy()
    la["ranked"] = pol.isin(["High", "Low"]).to_numpy()
    la["quartiles"] = la["measure"].map(m["quartiles"]).eq("yes").to_numpy()
    v = la["value"].to_numpy(np.float64)
    g = la["g"].to_numpy(np.int32)
    groups = int(g.max()) + 1
    per_group = la.groupby("g")[["high", "ranked", "quartiles"]].first()
    polarity = np.where(per_group["high"], "High", np.where(per_group["ranked"], "Low", "-"))
    quart = per_group["quartiles"].to_numpy()

    # 1. correctness on the whole panel
    got = indeval.compare(v, g, polarity=polarity, quartiles=quart)
    v15 = np.array([float(f"{x:.15g}") if x == x else x for x in v])
    want_rank, want_band = reference(v15, g, la["high"].to_numpy(), la["quartiles"].to_numpy(),
                                     la["ranked"].to_numpy())
    assert np.array_equal(got.rank, want_rank), np.flatnonzero(got.rank != want_rank)[:10]
    assert np.array_equal(got.band, want_band), np.flatnonzero(got.band != want_band)[:10]
    print(f"correctness: {len(v):,} rows, {groups:,} groups: every rank and band equal to the "
          f"independent pandas computation ({int((got.band > 0).sum()):,} banded)")

    codes, table = indeval.neighbour_table(sn, np.unique(la["area"]))
    dense = pd.Index(codes).get_indexer(la["area"])
    pairs = sn.melt(id_vars="la_number", value_vars=[f"sn{k}" for k in range(1, 11)],
                    value_name="area")[["la_number", "area"]]

    def pandas_means(frame):
        j = pairs.merge(frame[["area", "g", "v"]], on="area")
        mean = j.groupby(["g", "la_number"])["v"].mean()
        return mean.reindex(pd.MultiIndex.from_arrays([frame["g"], frame["area"]])).to_numpy()

    la["v"] = v15
    mine = indeval.neighbour_means(v, dense, g, table)
    theirs = pandas_means(la)
    # Equal to rounding: pandas sums in another order than R's mean(), so a mean that cancels
    # to near zero may differ in its last places relative to itself, not to its summands.
    scale = np.nanmax(np.abs(v15))
    np.testing.assert_allclose(mine, theirs, rtol=1e-14, atol=1e-15 * scale, equal_nan=True)
    same = int(((mine == theirs) | (np.isnan(mine) & np.isnan(theirs))).sum())
    print(f"correctness: {len(v):,} neighbour means equal to pandas merge + groupby mean to "
          f"rounding ({same:,} bit for bit; {int(np.isfinite(mine).sum()):,} with a value)")

    # 2. speed of ranks + bands, replicated
    k = 1 if args.quick else args.copies
    big = pd.DataFrame({"v": np.tile(v15, k), "g": (np.tile(g, k) + np.repeat(np.arange(k), len(g))
                                                      * groups).astype(np.int32),
                        "high": np.tile(la["high"].to_numpy(), k),
                        "ranked": np.tile(la["ranked"].to_numpy(), k),
                        "quartiles": np.tile(la["quartiles"].to_numpy(), k)})
    bg = big["g"].to_numpy()
    bv = big["v"].to_numpy()
    bpol = np.tile(polarity, k)
    bq = np.tile(quart, k)
    t1, r1 = best(lambda: indeval.compare(bv, bg, polarity=bpol, quartiles=bq, threads=1),
                  args.repeat)
    t2, _ = best(lambda: indeval.compare(bv, bg, polarity=bpol, quartiles=bq, threads=2),
                 args.repeat)
    tp, (prank, pband) = best(lambda: pandas_ranks_bands(big), max(1, args.repeat - 1))
    assert np.array_equal(r1.rank, np.nan_to_num(prank.to_numpy()).astype(np.int32))
    differ = int((r1.band != pband).sum())
    print(f"ranks + bands, {len(bv):,} rows in {groups * k:,} groups: pandas / indeval = "
          f"{tp / t1:.1f}x on one thread, {tp / t2:.1f}x on two "
          f"(ranks identical; bands differing where pandas' quantile rounds its cut points "
          f"otherwise than R: {differ})")

    # 3. speed of neighbour means
    tn, _ = best(lambda: indeval.neighbour_means(v, dense, g, table), args.repeat)
    tm, _ = best(lambda: pandas_means(la), max(1, args.repeat - 1))
    print(f"neighbour means, {len(v):,} rows: pandas merge + groupby mean / indeval = "
          f"{tm / tn:.1f}x on one thread")
    return 0


if __name__ == "__main__":
    sys.exit(main())
