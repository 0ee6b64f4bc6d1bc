"""Rate many years of school-level values with Dask: one CSV file per year in, one rated CSV file
per year out, on a local cluster of worker processes (or a real cluster: pass --scheduler).

    python3 examples/scale_out_years.py --years 2010-2024 --rows-per-year 200000 --work /tmp/years

The input files are made up here (indicator,school,year,value,previous) so the example runs
anywhere; point dd.read_csv at your own files instead. Debian 12 has no Parquet engine for pandas
(pyarrow, fastparquet), hence CSV; with one installed, dd.read_parquet / to_parquet work the same.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import numpy as np
import pandas as pd

RULES = {
    "KS2 RWM": "65% or above Green 55%-64.9% Amber below 55% Red",
    "Absence": "5% or below Green 5.1%-8% Amber above 8% Red",
    "Exclusions": None,  # context only: not rated
}


def write_years(folder: Path, years, rows: int) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(1)
    for year in years:
        values = rng.uniform(0, 100, rows).round(1)
        values[rng.random(rows) < 0.01] = np.nan  # suppressed figures
        pd.DataFrame({
            "indicator": rng.choice(list(RULES), rows),
            "school": rng.integers(100000, 150000, rows),
            "year": year,
            "value": values,
            "previous": rng.uniform(0, 100, rows).round(1),
        }).to_csv(folder / f"values-{year}.csv", index=False)


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--years", default="2010-2024", help="first-last year (default 2010-2024)")
    p.add_argument("--rows-per-year", type=int, default=200_000)
    p.add_argument("--work", type=Path, default=Path("out/scale-out"))
    p.add_argument("--scheduler", help="address of a running dask scheduler (default: a local "
                   "cluster of 2 worker processes)")
    args = p.parse_args()
    first, last = (int(y) for y in args.years.split("-"))

    import dask.dataframe as dd
    from distributed import Client, LocalCluster

    import indeval.dask

    write_years(args.work / "in", range(first, last + 1), args.rows_per_year)
    client = Client(args.scheduler) if args.scheduler else \
        Client(LocalCluster(n_workers=2, threads_per_worker=1, dashboard_address=None))
    with client:
        start = time.perf_counter()
        ddf = dd.read_csv(str(args.work / "in" / "values-*.csv"), blocksize="32MB",
                          dtype={"indicator": "category"}).categorize(columns=["indicator"])
        ratings = indeval.dask.evaluate(ddf, RULES, previous="previous")
        # Partition for partition beside its input (read_csv's index restarts in every file, so
        # this is not a join on the index).
        rated = ddf.assign(**{column: ratings[column] for column in ratings.columns})
        summary = rated.groupby(["year", "status"], observed=True).size().compute()
        rated.to_csv(str(args.work / "out" / "rated-*.csv"), index=False)
        took = time.perf_counter() - start
    print(summary.unstack(fill_value=0).to_string())
    print(f"\nrated {ddf.npartitions} partitions in {took:.1f} s; "
          f"wrote {args.work / 'out'}/rated-*.csv")


if __name__ == "__main__":
    main()
