#!/usr/bin/python3
"""Bulk rating from Python against the C++ core, on the same data in the same run.

Three ways of rating the same rows (default 10^7, 30 indicators, rows grouped by indicator,
percentages with two decimals around each indicator's thresholds, 2% missing), per kernel:

  C++      the C++ benchmark binary (indeval_bench, BM_BulkFile) calling indeval::evaluate_bulk on
           the data this script writes out: the core with nothing in between;
  ctypes   indeval_evaluate_bulk_kernel called directly through ctypes with preallocated buffers:
           the C ABI's cost;
  Python   indeval.Catalogue.evaluate(values, index, reason=False): the public Python API,
           including its argument checks and the allocation of the result array.

Each figure is the median of --repeat timings; all three must give the same statuses (checked
with the C++ benchmark's checksum). The ratios printed are Python/C++ and Python/ctypes
throughput; --check makes the script fail when Python/C++ is below --min-ratio (default 0.8) for
the best kernel this CPU has.

    /usr/bin/python3 bench/bench_python_bulk.py [--rows N] [--repeat R] [--bench PATH] [--check]

The library is found as the package finds it (INDEVAL_LIBRARY, else build/release, build/dev ...);
the benchmark binary next to it (<build>/bench/indeval_bench) unless --bench says otherwise. Use a
Release build: timings of a Debug build say nothing.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "bindings" / "python"))

import numpy as np  # noqa: E402

import indeval  # noqa: E402
from indeval import _native  # noqa: E402

INDICATORS = 30
KERNELS = {"scalar": 1, "avx2": 2, "avx512": 3}


def make_data(n: int, seed: int = 42):
    """Rows like the C++ benchmark's: grouped by indicator, two decimals, 2% missing."""
    rng = np.random.default_rng(seed)
    specs = []
    for i in range(INDICATORS):
        if i % 3 == 2:
            specs.append(("falling", 10.0 + i, 15.0 + i))
        else:
            specs.append(("rising", 90.0 - i, 80.0 - i))
    per = -(-n // INDICATORS)
    index = (np.arange(n) // per).astype(np.int32)
    green = np.array([s[1] for s in specs])[index]
    amber = np.array([s[2] for s in specs])[index]
    lo = np.minimum(green, amber) - 15
    hi = np.maximum(green, amber) + 15
    values = np.round((lo + (hi - lo) * rng.random(n)) * 100) / 100
    values[rng.random(n) < 0.02] = np.nan
    return specs, values, index


def rule_sets(specs):
    out = []
    for kind, green, amber in specs:
        op = ">=" if kind == "rising" else "<="
        out.append(indeval.RuleSet.parse(f"Green: {op} {green:g}; Amber: {op} {amber:g}; "
                                         f"Red: otherwise"))
    return out


def checksum(status: np.ndarray) -> int:
    weights = (np.arange(status.size) % 7 + 1).astype(np.int64)
    return int(np.dot(status.astype(np.int64), weights))


def median_seconds(fn, repeat: int) -> float:
    fn()  # warm up: page in the inputs, load what needs loading
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def run_cpp(bench: Path, data_dir: Path, kernel: int, threads: int, repeat: int):
    """(seconds per call, checksum) from the C++ benchmark, or None when it cannot run."""
    env = dict(os.environ, INDEVAL_BENCH_DATA=str(data_dir))
    cmd = [str(bench), f"--benchmark_filter=^BM_BulkFile/kernel:{kernel}/threads:{threads}(/|$)",
           f"--benchmark_repetitions={repeat}", "--benchmark_format=json",
           "--benchmark_report_aggregates_only=true"]
    proc = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=900)
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed:\n{proc.stderr}")
    report = json.loads(proc.stdout)
    for b in report.get("benchmarks", []):
        if b.get("aggregate_name") == "median" and not b.get("error_occurred"):
            unit = {"ns": 1e-9, "us": 1e-6, "ms": 1e-3, "s": 1.0}[b.get("time_unit", "ns")]
            return b["real_time"] * unit, int(round(b.get("checksum", -1)))
    return None


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--rows", type=int, default=10_000_000)
    ap.add_argument("--repeat", type=int, default=15)
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--bench", type=Path, help="the indeval_bench binary")
    ap.add_argument("--check", action="store_true", help="fail below --min-ratio")
    ap.add_argument("--min-ratio", type=float, default=0.8)
    args = ap.parse_args(argv)

    lib_path = Path(indeval.library_path()).resolve()
    bench = args.bench or lib_path.parent.parent / "bench" / "indeval_bench"
    if not bench.is_file():
        print(f"no C++ benchmark binary at {bench} (build the indeval_bench target, or pass "
              f"--bench)", file=sys.stderr)
        return 2
    print(f"library   {lib_path}\nbenchmark {bench}\nrows      {args.rows:,}, threads "
          f"{args.threads}, median of {args.repeat}\n")

    specs, values, index = make_data(args.rows)
    cat = indeval.Catalogue(rule_sets(specs))
    lib = _native.lib()
    status = np.empty(args.rows, np.int8)
    rows = []
    with tempfile.TemporaryDirectory(prefix="indeval-bench-") as tmp:
        data_dir = Path(tmp)
        values.astype("<f8").tofile(data_dir / "values.f64")
        index.astype("<i4").tofile(data_dir / "index.i32")
        (data_dir / "rules.txt").write_text(
            "".join(f"{kind} {green!r} {amber!r}\n" for kind, green, amber in specs))
        for name, code in KERNELS.items():
            try:
                cat.evaluate(values[:16], index[:16], kernel=name)
            except indeval.ArgumentError:
                print(f"{name:7s} not available on this CPU")
                continue
            cpp = run_cpp(bench, data_dir, code, args.threads, max(3, args.repeat // 3))
            if cpp is None:
                print(f"{name:7s} the C++ benchmark skipped it")
                continue
            cpp_seconds, cpp_sum = cpp

            handle = cat._handle.ptr
            v, i, s = values.ctypes.data, index.ctypes.data, status.ctypes.data

            def raw():
                rc = lib.indeval_evaluate_bulk_kernel(handle, v, None, i, None, None, args.rows,
                                                      s, None, None, args.threads, code)
                assert rc == 0

            raw_seconds = median_seconds(raw, args.repeat)
            raw_sum = checksum(status)
            result = {}

            def api():
                result["status"] = cat.evaluate(values, index, threads=args.threads,
                                                kernel=name, reason=False).status

            api_seconds = median_seconds(api, args.repeat)
            api_sum = checksum(result["status"])
            if not cpp_sum == raw_sum == api_sum:
                print(f"{name}: the three disagree: checksums C++ {cpp_sum}, ctypes {raw_sum}, "
                      f"Python {api_sum}", file=sys.stderr)
                return 1
            rows.append((name, cpp_seconds, raw_seconds, api_seconds))

    if not rows:
        print("nothing measured", file=sys.stderr)
        return 2
    mv = args.rows / 1e6
    print(f"{'kernel':8s}{'C++ Mval/s':>12s}{'ctypes':>10s}{'Python':>10s}"
          f"{'Python/C++':>12s}{'Python/ctypes':>15s}")
    for name, c, r, p in rows:
        print(f"{name:8s}{mv / c:12.0f}{mv / r:10.0f}{mv / p:10.0f}{c / p:12.2f}{r / p:15.2f}")
    best = rows[-1]
    ratio = best[1] / best[3]
    print(f"\nbest kernel ({best[0]}): Python reaches {ratio:.0%} of the C++ throughput "
          f"({best[2] / best[3]:.0%} of the raw ctypes call)")
    if args.check and ratio < args.min_ratio:
        print(f"below the required {args.min_ratio:.0%}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
