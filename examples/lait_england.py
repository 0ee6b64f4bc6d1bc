"""Rates every local authority against England on the DfE's LAIT data, in one bulk call.

For every LAIT measure with a polarity (High or Low) and every period, each local authority's
value is rated against England's own value for that measure and period (the per-row target):

    High:  Green: on or above target; Amber: within 5% of target; Red: otherwise
    Low:   Green: on or below target; Amber: within 5% of target; Red: otherwise

"Within 5% of target" is 95% of England's value for High measures and 105% for Low ones. Where
England's value is zero or negative (a few progress scores), 5% of it gives no room: those rows
come out Green or Red only.

    PYTHONPATH=bindings/python /usr/bin/python3 examples/lait_england.py \
        [--data FOLDER] [--measure SHORT_DESC ...] [--latest] [--csv OUT]

The data is a folder holding bds_long.csv.gz and lait_data_dictionary.csv.gz: --data, else
<shared>/data/lait, <shared> being INDEVAL_SHARED_DIR or the folder `shared` beside the repository.
The full files come from the DfE's LAIT repository (see DATA_SOURCE); tests/data/lait holds an
extract of six measures in the same format.
"""

from __future__ import annotations

import argparse
import math
import os
import sys
from pathlib import Path

import numpy as np
import pandas as pd

import indeval

RULES = {  # one rule set per polarity; a row's index into this table is its polarity's position
    "High": "Green: on or above target; Amber: within 5% of target; Red: otherwise",
    "Low": "Green: on or below target; Amber: within 5% of target; Red: otherwise",
}
ENGLAND = 970
REGIONS = range(980, 991)
STATUS = np.array([str(s) for s in indeval.Status], dtype=object)  # code -> "None", "Red" ...
REASON = np.array([str(r) for r in indeval.Reason], dtype=object)  # code -> "rated", "no data" ...


DATA_SOURCE = (
    "github.com/dfe-analytical-services/local-authority-interactive-tool: "
    "01_data/02_prod/bds_long_0.parquet saved as bds_long.csv.gz, and lait_data_dictionary.csv "
    "gzipped (Open Government Licence v3.0)")
FILES = ("bds_long.csv.gz", "lait_data_dictionary.csv.gz")


def lait_dir() -> Path:
    shared = os.environ.get("INDEVAL_SHARED_DIR") or Path(__file__).resolve().parents[2] / "shared"
    return Path(shared) / "data" / "lait"


def figure(text: str) -> float:
    """A LAIT figure: NaN for '-' (missing or suppressed), else the number to 15 significant
    digits. Some figures carry float noise from the source's binary doubles ("95.399999999999991"
    for 95.4, "14.700000000000001" for 14.7); rounded, a value equal to England's is equal."""
    return math.nan if text == "-" else float(f"{float(text):.15g}")


def load(folder: Path, measures=None) -> pd.DataFrame:
    """One row per local authority, measure with a polarity and period: la, la_number, measure,
    polarity, years, value, england. Rows of one polarity are contiguous, grouped by measure.
    Exits with a message saying where to get the data when a file is missing."""
    missing = [name for name in FILES if not (Path(folder) / name).is_file()]
    if missing:
        raise SystemExit(
            f"LAIT data not found: {', '.join(str(Path(folder) / n) for n in missing)} missing.\n"
            f"Get the files from {DATA_SOURCE}, then pass --data FOLDER or set INDEVAL_SHARED_DIR "
            f"to the folder holding data/lait. A six-measure extract is in tests/data/lait.")
    raw = pd.read_csv(folder / "bds_long.csv.gz", dtype=str, keep_default_na=False)
    raw["value"] = raw["Values"].map(figure)
    dictionary = pd.read_csv(folder / "lait_data_dictionary.csv.gz", dtype=str,
                             keep_default_na=False, usecols=["Measure_short", "Polarity"])
    polarity = dictionary.drop_duplicates().set_index("Measure_short")["Polarity"]  # a few twice
    raw["polarity"] = raw["Short Desc"].map(polarity)
    raw = raw[raw["polarity"].isin(list(RULES))]
    if measures:
        unknown = set(measures) - set(raw["Short Desc"])
        if unknown:
            raise SystemExit(f"no such measure with a polarity: {', '.join(sorted(unknown))}")
        raw = raw[raw["Short Desc"].isin(measures)]

    number = raw["LA Number"].astype(int)
    england = raw[number == ENGLAND].set_index(["Short Desc", "Years"])["value"].rename("england")
    la = raw[(number != ENGLAND) & ~number.isin(REGIONS) & (raw["Region"] != "NA")]
    rows = la.join(england, on=["Short Desc", "Years"])  # no England row: NaN, "needs target"
    rows = rows.rename(columns={"LA and Regions": "la", "LA Number": "la_number",
                                "Short Desc": "measure", "Years": "years"})
    # The file lists each measure's periods oldest first; a stable sort keeps that order.
    rows = rows.sort_values("polarity", kind="stable", key=lambda p: p.map(list(RULES).index))
    return rows[["la", "la_number", "measure", "polarity", "years", "value", "england"]] \
        .reset_index(drop=True)


def latest_periods(rows: pd.DataFrame) -> pd.Series:
    """Each measure's latest period: its last label in file order (oldest first) with a value,
    or its last label when it has no value at all."""
    with_data = rows.dropna(subset=["value"]).groupby("measure", sort=False)["years"].last()
    return with_data.combine_first(rows.groupby("measure", sort=False)["years"].last())


def rate(rows: pd.DataFrame, threads: int = 2) -> pd.DataFrame:
    """Adds status and reason columns: every row rated in one evaluate_bulk call."""
    rule_sets = [indeval.RuleSet.parse(text) for text in RULES.values()]
    index = rows["polarity"].map(list(RULES).index).to_numpy(np.int32)
    result = indeval.evaluate_bulk(rule_sets, index, rows["value"].to_numpy(np.float64),
                                   target=rows["england"].to_numpy(np.float64), threads=threads)
    return rows.assign(status=STATUS[result.status], reason=REASON[result.reason])


def summary(rated: pd.DataFrame, measure: str) -> None:
    counts = rated["status"].value_counts()
    print(f"{len(rated):,} rows rated (local authorities: {rated['la_number'].nunique()}, "
          f"measures: {rated['measure'].nunique()}, "
          f"measure-periods: {len(rated.groupby(['measure', 'years'])):,})")
    print("  " + "  ".join(f"{s} {counts.get(s, 0):,}" for s in ("Green", "Amber", "Red", "None")))
    none = rated.loc[rated["status"] == "None", "reason"].value_counts()
    print("  None: " + ", ".join(f"{n:,} {r}" + (" (England's value missing)"
                                                  if r == "needs target" else "")
                                 for r, n in none.items()))

    of = rated[rated["measure"] == measure]
    years = latest_periods(of)[measure]
    latest = of[of["years"] == years]
    first = latest.iloc[0]
    print(f"{measure} ({first['polarity']}), {years}: England {first['england']:g}")
    for status in ("Green", "Amber", "Red", "None"):
        las = latest.loc[latest["status"] == status, "la"]
        if len(las):
            more = f" ... and {len(las) - 4} more" if len(las) > 4 else ""
            print(f"  {status:5} {len(las):3}: {', '.join(las.iloc[:4])}{more}")


def main(argv=None) -> pd.DataFrame:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", metavar="FOLDER", type=Path,
                        help="folder holding bds_long.csv.gz and lait_data_dictionary.csv.gz "
                             "(default: <shared>/data/lait)")
    parser.add_argument("--measure", nargs="+", metavar="SHORT_DESC",
                        help="only these measures (LAIT 'Short Desc'); the first is described")
    parser.add_argument("--latest", action="store_true",
                        help="only each measure's latest period with data")
    parser.add_argument("--csv", metavar="OUT",
                        help="write la,measure,years,value,england,status,reason to OUT")
    args = parser.parse_args(argv)

    rows = load(args.data or lait_dir(), args.measure)
    if args.latest:
        rows = rows[rows["years"] == rows["measure"].map(latest_periods(rows))]
    rated = rate(rows)

    if args.measure:
        shown = args.measure[0]
    else:  # the first High measure with the most rows
        sizes = rated[rated["polarity"] == "High"].groupby("measure", sort=False).size()
        shown = sizes.idxmax()
    summary(rated, shown)
    if args.csv:
        rated[["la", "measure", "years", "value", "england", "status", "reason"]] \
            .to_csv(args.csv, index=False)
        print(f"wrote {args.csv}")
    return rated


if __name__ == "__main__":
    main(sys.argv[1:])
