#!/usr/bin/python3
"""indeval's bulk evaluator against numpy, on the same data, in one run.

    /usr/bin/python3 bench/compare_numpy.py --bench BUILD/bench/indeval_bench [--sizes 100000,50000000]

For each size it builds one data set (30 indicators, rows grouped by indicator, two-decimal
percentages around each indicator's thresholds, 2% missing), writes it to a temporary directory,
and times:
  (a) indeval: the indeval_bench binary's BM_BulkFile benchmarks on that directory
      (INDEVAL_BENCH_DATA), every kernel, 1 and 2 threads, read back as JSON;
  (b) numpy's best expression: per-indicator slices, two comparisons, NaN fix-up;
  (c) the per-row numpy a pandas user writes: thresholds gathered per row, np.select.
and (d) a bare compare-and-store loop over the same values, for the memory limit. All three ratings must agree (a checksum of the statuses). Times are the best of several calls (the
machine may be shared), and the ratios compare figures taken in this same run.

Use a Release build of indeval_bench. Needs numpy (Debian's python3-numpy: run with /usr/bin/python3).
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time

import numpy as np

INDICATORS = 30


def indicator_specs():
    """(rising, green, amber) per indicator: the same rule sets as bench/bench_bulk.cpp."""
    specs = []
    for i in range(INDICATORS):
        if i % 3 == 2:
            specs.append((False, 10.0 + i, 15.0 + i))  # smaller is better
        else:
            specs.append((True, 90.0 - i, 80.0 - i))
    return specs


def make_data(n, seed=7):
    rng = np.random.default_rng(seed)
    specs = indicator_specs()
    per = -(-n // INDICATORS)
    index = (np.arange(n, dtype=np.int64) // per).astype(np.int32)
    lo = np.array([min(g, a) - 15 for _, g, a in specs])[index]
    hi = np.array([max(g, a) + 15 for _, g, a in specs])[index]
    values = np.round(lo + (hi - lo) * rng.random(n), 2)
    values[rng.random(n) < 0.02] = np.nan
    starts = [0] + [int(np.searchsorted(index, k)) for k in range(1, INDICATORS)] + [n]
    return specs, index, values, starts


def numpy_best(values, specs, starts, out):
    """Per indicator: a slice, two comparisons, the NaN fix-up."""
    for k, (rising, green, amber) in enumerate(specs):
        a, b = starts[k], starts[k + 1]
        s, o = values[a:b], out[a:b]
        if rising:
            np.add(s >= amber, s >= green, out=o, dtype=np.int8)
        else:
            np.add(s <= amber, s <= green, out=o, dtype=np.int8)
        o += 1
        o[np.isnan(s)] = 0
    return out


def numpy_per_row(values, index, specs):
    """What a pandas user writes: thresholds gathered for every row, then np.select."""
    rising = np.array([r for r, _, _ in specs])[index]
    green = np.array([g for _, g, _ in specs])[index]
    amber = np.array([a for _, _, a in specs])[index]
    is_green = np.where(rising, values >= green, values <= green)
    is_amber = np.where(rising, values >= amber, values <= amber)
    return np.select([np.isnan(values), is_green, is_amber], [0, 3, 2], 1).astype(np.int8)


def checksum(status):
    weights = (np.arange(status.size, dtype=np.int64) % 7) + 1
    return int(np.dot(status.astype(np.int64), weights))


def best_time(fn, repeats, budget):
    best = float("inf")
    start = time.perf_counter()
    for _ in range(repeats):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
        if time.perf_counter() - start > budget:
            break
    return best


def run_indeval(bench, directory):
    env = dict(os.environ, INDEVAL_BENCH_DATA=directory)
    cmd = [bench, "--benchmark_filter=^BM_(Bulk|Bare)File", "--benchmark_format=json",
           "--benchmark_repetitions=3", "--benchmark_report_aggregates_only=false"]
    proc = subprocess.run(cmd, env=env, check=True, capture_output=True, text=True)
    report = json.loads(proc.stdout)
    results = {}
    for b in report["benchmarks"]:
        if b.get("run_type") != "iteration" or "error_occurred" in b and b["error_occurred"]:
            continue
        parts = dict(p.split(":", 1) for p in b["run_name"].split("/")[1:] if ":" in p)
        if b["run_name"].startswith("BM_BareFile"):
            key = "bare"
        else:
            key = (int(parts["kernel"]), int(parts["threads"]))
        unit = {"ns": 1e-9, "us": 1e-6, "ms": 1e-3, "s": 1.0}[b["time_unit"]]
        seconds = b["real_time"] * unit
        prev = results.get(key)
        if prev is None or seconds < prev[0]:
            results[key] = (seconds, int(b.get("checksum", 0)))
    return results


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bench", required=True, help="path to a Release build's indeval_bench")
    ap.add_argument("--sizes", default="100000,50000000")
    args = ap.parse_args()
    kernel_names = {1: "scalar", 2: "avx2", 3: "avx512"}

    for n in (int(s) for s in args.sizes.split(",")):
        specs, index, values, starts = make_data(n)
        big = n >= 10_000_000
        with tempfile.TemporaryDirectory() as tmp:
            values.astype("<f8").tofile(os.path.join(tmp, "values.f64"))
            index.astype("<i4").tofile(os.path.join(tmp, "index.i32"))
            with open(os.path.join(tmp, "rules.txt"), "w") as f:
                for rising, green, amber in specs:
                    f.write(f"{'rising' if rising else 'falling'} {green!r} {amber!r}\n")

            out = np.empty(n, dtype=np.int8)
            reference = checksum(numpy_best(values, specs, starts, out))
            per_row_sum = checksum(numpy_per_row(values, index, specs))
            if per_row_sum != reference:
                sys.exit(f"numpy versions disagree at n={n}")

            # Interleave: numpy best, indeval, per-row numpy, numpy best again.
            t_best = best_time(lambda: numpy_best(values, specs, starts, out), 3 if big else 300, 20)
            indeval = run_indeval(args.bench, tmp)
            t_bare = indeval.pop("bare")[0]
            t_row = best_time(lambda: numpy_per_row(values, index, specs), 2 if big else 50, 30)
            t_best = min(t_best, best_time(lambda: numpy_best(values, specs, starts, out), 3 if big else 300, 20))

        print(f"\n== n = {n:,} rows, {INDICATORS} indicators grouped ==")
        print(f"{'':34}{'time/call':>12}{'G values/s':>12}")
        print(f"{'numpy best (slices, 2 compares)':34}{t_best * 1e3:10.3f}ms{n / t_best / 1e9:12.3f}")
        print(f"{'numpy per row (gather, select)':34}{t_row * 1e3:10.3f}ms{n / t_row / 1e9:12.3f}")
        print(f"{'bare compare-and-store loop':34}{t_bare * 1e3:10.3f}ms{n / t_bare / 1e9:12.3f}")
        for (k, t), (secs, csum) in sorted(indeval.items()):
            ok = "" if csum == reference else "   CHECKSUM MISMATCH"
            label = f"indeval {kernel_names.get(k, k)}, {t} thread{'s' if t > 1 else ''}"
            print(f"{label:34}{secs * 1e3:10.3f}ms{n / secs / 1e9:12.3f}{ok}")
        if any(c != reference for _, c in indeval.values()):
            sys.exit("indeval and numpy disagree")
        one = {k: s for (k, t), (s, _) in indeval.items() if t == 1}
        best_k = min(one, key=one.get)
        t_ours = one[best_k]
        print(f"ratios (indeval {kernel_names[best_k]}, 1 thread):")
        print(f"  vs numpy best:    {t_best / t_ours:6.2f}x")
        print(f"  vs numpy per row: {t_row / t_ours:6.2f}x")
        if 1 in one:
            print(f"  vs indeval scalar: {one[1] / t_ours:6.2f}x")
        print(f"  of the bare loop:  {t_bare / t_ours:6.2f}x  (the memory limit, at sizes beyond cache)")
        two = indeval.get((best_k, 2))
        if two:
            print(f"  2 threads vs 1:   {t_ours / two[0]:6.2f}x")


if __name__ == "__main__":
    main()
