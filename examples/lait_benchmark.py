"""Every English local authority against every other on the DfE's LAIT data, as LAIT shows it.

For every LAIT measure with a polarity (High or Low) and every period: each authority's rank among
the authorities with a value (1 = best; ties share the lowest rank), its quartile band A-D (none
where the measure says No_Quartile = N), the mean of its ten statistical neighbours' values, and
England's and its region's own figures beside it — one indeval.benchmark call.

    PYTHONPATH=bindings/python /usr/bin/python3 examples/lait_benchmark.py \
        [--area CODE] [--measure SHORT_DESC ...] [--csv OUT]

The data is <shared>/data/lait (bds_long.csv.gz, lait_data_dictionary.csv.gz,
statistical_neighbours.csv), <shared> being INDEVAL_SHARED_DIR or the folder `shared` beside the
repository. Figures are read as LAIT publishes them: the library compares them at 15 significant
digits, so 95.399999999999991 ties 95.4.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

import numpy as np
import pandas as pd

import indeval


def lait_dir() -> Path:
    shared = os.environ.get("INDEVAL_SHARED_DIR") or Path(__file__).resolve().parents[2] / "shared"
    return Path(shared) / "data" / "lait"


def load(folder: Path, measures=None, every_measure=False):
    """(values, measures, neighbours): the long frame (area, measure, period, value; England and
    the regions included as comparators), the measures with a polarity (every measure, those
    without one as '-', with `every_measure`), and the SN table."""
    raw = pd.read_csv(folder / "bds_long.csv.gz", dtype=str, keep_default_na=False)
    dic = pd.read_csv(folder / "lait_data_dictionary.csv.gz", dtype=str, keep_default_na=False,
                      usecols=["Measure_short", "Polarity", "No_Quartile"])
    dic = dic.drop_duplicates("Measure_short")  # a few measures are listed twice
    if every_measure:
        missing = sorted(set(raw["Short Desc"]) - set(dic["Measure_short"]))
        dic = pd.concat([dic, pd.DataFrame({"Measure_short": missing, "Polarity": "-",
                                            "No_Quartile": "NA"})])
    else:
        dic = dic[dic["Polarity"].isin(["High", "Low"])]
    table = pd.DataFrame({"measure": dic["Measure_short"], "polarity": dic["Polarity"],
                          "quartiles": np.where(dic["No_Quartile"] == "N", "no", "yes")})
    raw = raw[raw["Short Desc"].isin(table["measure"])]
    if measures:
        unknown = set(measures) - set(raw["Short Desc"])
        if unknown:
            raise SystemExit(f"no such measure with a polarity: {', '.join(sorted(unknown))}")
        raw = raw[raw["Short Desc"].isin(measures)]
    values = pd.DataFrame({
        "area": raw["LA Number"].astype(np.int64).to_numpy(),
        "measure": raw["Short Desc"].to_numpy(),
        "period": raw["Years"].to_numpy(),
        "value": pd.to_numeric(raw["Values"].replace("-", np.nan)).to_numpy(),
    })
    neighbours = pd.read_csv(folder / "statistical_neighbours.csv")
    return values, table, neighbours


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--area", type=int, default=301, help="authority to show (default 301)")
    p.add_argument("--measure", nargs="*", help="only these measures (Short Desc)")
    p.add_argument("--csv", help="write every row with its figures to this CSV")
    p.add_argument("--threads", type=int, default=2)
    args = p.parse_args(argv)
    folder = lait_dir()
    if not (folder / "bds_long.csv.gz").is_file():
        print(f"the LAIT data is not here: {folder} (set INDEVAL_SHARED_DIR)", file=sys.stderr)
        return 2
    values, measures, neighbours = load(folder, args.measure)
    out = indeval.benchmark(values, measures, neighbours=neighbours, threads=args.threads)
    la = out[out["rank"] > 0]
    print(f"{len(out):,} rows; {len(la):,} ranked local-authority rows in "
          f"{la.groupby(['measure', 'period']).ngroups:,} measure-periods; "
          f"bands: " + "  ".join(f"{b} {n:,}" for b, n in
                                  la["quartile"].replace("", "none").value_counts().sort_index()
                                  .items()))
    mine = out[out["area"] == args.area].dropna(subset=["value"])
    latest = mine.groupby("measure", sort=False).tail(1).head(12)  # periods are oldest first
    print(f"\narea {args.area}, latest period of the first {len(latest)} measures:")
    print(latest[["measure", "period", "value", "rank", "quartile", "sn_mean", "england",
                  "region"]].to_string(index=False, float_format=lambda x: f"{x:.4g}"))
    if args.csv:
        out.to_csv(args.csv, index=False)
        print(f"wrote {args.csv}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
