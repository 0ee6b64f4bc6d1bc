"""indeval.dask on a local cluster of worker processes against indeval.pandas in this process,
side by side in one run, over the same rows (default 10^7 rows in 16 partitions, 2 workers).

    INDEVAL_LIBRARY=build/release/capi/libindeval.so PYTHONPATH=bindings/python \\
        /usr/bin/python3 bench/bench_dask.py [--rows 10000000] [--partitions 16] [--workers 2]

Reports, as ratios to the single-process call (threads=1):
- dask, rated in place: the partitions already held by the workers (persisted), rated and
  kept there — the cost of rating distributed data;
- dask, back to the client: the same, computed into one pandas DataFrame here (adds the transfer);
- the overhead per partition: the same cluster rating tiny partitions (one row each), wall time
  per partition — what each partition costs besides its rows.
Checks that every way gives the same ratings row for row. Times are the best of --repeat runs.
"""

from __future__ import annotations

import argparse
import sys
import time

import numpy as np
import pandas as pd

RULES = {
    "AMT 2": "95% or above Green 85%-94% Amber 84% and below Red",
    "W 1": "17 or below Green 18.1-20 Amber 20.1 and above Red",
    "REL": "Green: on or above target, Amber: within 5% of target, Red: otherwise",
    "CTX": None,
}


def frame(rows: int) -> pd.DataFrame:
    rng = np.random.default_rng(11)
    values = rng.uniform(0, 100, rows)
    values[rng.integers(0, rows, max(rows // 1000, 1))] = np.nan
    return pd.DataFrame({
        "indicator": pd.Categorical.from_codes(rng.integers(0, len(RULES), rows),
                                               categories=list(RULES)),
        "value": values,
        "previous": rng.uniform(0, 100, rows),
        "target": np.full(rows, 95.0),
    })


def log(text: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {text}", file=sys.stderr, flush=True)


def best(repeat: int, fn):
    times, out = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - start)
    return min(times), out


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--rows", type=int, default=10_000_000)
    p.add_argument("--partitions", type=int, default=16)
    p.add_argument("--workers", type=int, default=2)
    p.add_argument("--repeat", type=int, default=3)
    args = p.parse_args()

    import dask.dataframe as dd
    from distributed import Client, LocalCluster, wait

    import indeval.dask as idd
    import indeval.pandas as ipd

    df = frame(args.rows)
    log("single process")
    kwargs = dict(previous="previous", target="target")
    single, want = best(args.repeat, lambda: ipd.evaluate(df, RULES, **kwargs))
    single2, _ = best(args.repeat, lambda: ipd.evaluate(df, RULES, threads=args.workers,
                                                        **kwargs))

    with LocalCluster(n_workers=args.workers, threads_per_worker=1, processes=True,
                      dashboard_address=None) as cluster, Client(cluster) as client:
        log("cluster up; sending the partitions")
        ddf = client.persist(dd.from_pandas(df, npartitions=args.partitions))
        wait(ddf)
        # Warm: every worker imports indeval, loads the library and builds its catalogue.
        idd.evaluate(ddf, RULES, **kwargs).persist().head(1, npartitions=-1)

        runs = iter(range(10**6))

        def fresh():
            # Dask names a task by its inputs and reuses a result it still holds: a rules table
            # that differs in one unused entry makes every run a new one.
            return {**RULES, f"(run {next(runs)})": None}

        def in_place():
            rated = idd.evaluate(ddf, fresh(), **kwargs).persist()
            wait(rated)
            return rated

        log("rating in place")
        distributed, rated = best(args.repeat, in_place)
        del rated
        log("rating back to the client")
        to_client, got = best(args.repeat,
                              lambda: idd.evaluate(ddf, fresh(), **kwargs).compute())
        log("tiny partitions")
        tiny = client.persist(dd.from_pandas(df.iloc[:args.partitions],
                                             npartitions=args.partitions))
        wait(tiny)
        parts = tiny.npartitions
        tiny_time, _ = best(args.repeat, lambda: wait(idd.evaluate(tiny, fresh(), **kwargs)
                                                      .persist()))

    assert got.index.equals(want.index)
    for column in want.columns:  # the codes, compared as the arrays they are
        assert got[column].dtype == want[column].dtype, column
        np.testing.assert_array_equal(got[column].cat.codes.to_numpy(),
                                      want[column].cat.codes.to_numpy())
    n = args.rows
    print(f"{n} rows, {ddf.npartitions} partitions, {args.workers} worker processes "
          f"(best of {args.repeat})")
    print(f"  pandas, one process, threads=1          1.00   (reference)")
    print(f"  pandas, one process, threads={args.workers}          "
          f"{single / single2:4.2f}x as fast")
    print(f"  dask, rated in place on the workers     {single / distributed:4.2f}x as fast")
    print(f"  dask, computed back to the client       {single / to_client:4.2f}x as fast")
    per_partition = tiny_time / parts
    rows_equivalent = per_partition / (single / n)
    print(f"  overhead per partition: {per_partition * 1e3:.1f} ms wall, the time of rating "
          f"{rows_equivalent:,.0f} rows in one process")
    print("every way gives the same ratings row for row")


if __name__ == "__main__":
    main()
