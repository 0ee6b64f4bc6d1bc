#!/usr/bin/python3
"""indeval against numpy on the real LAIT rows of examples/lait_england.py, in one run.

The rows are every local authority x every LAIT measure with a polarity x every period (about
430,000), each rated against England's value for its measure and period (a per-row target):
High measures Green at or above it, Amber within 5% (>= 95% of it), else Red; Low the mirror.
Timed, best of --repeat calls each:
  (a) indeval.evaluate_bulk(rule_sets, index, values, target=england, reason=False): two rule
      sets, index 0 for High rows and 1 for Low rows, on one thread (and on two, for reference);
  (b) the numpy a pandas user writes for the same rating: np.where per polarity, np.select, and
      the NaN fix-ups (a missing value or a missing England figure is None).
Both must give identical statuses (asserted). The same again with the rows replicated (np.tile)
to about --large rows, out of cache. The figure to read is the ratio numpy time / indeval time;
G values/s is for context (the machine may be shared and noisy).

    INDEVAL_LIBRARY=build/release/capi/libindeval.so PYTHONPATH=bindings/python \
        /usr/bin/python3 bench/bench_lait.py [--repeat N] [--large ROWS]

Use a Release build of the library: timings of a Debug build say nothing.
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

import indeval  # noqa: E402


def load_example():
    spec = importlib.util.spec_from_file_location("lait_england",
                                                  REPO / "examples" / "lait_england.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def numpy_status(values, target, high):
    """What a pandas user writes: per-row comparisons by polarity, np.select, NaN fix-ups."""
    green = np.where(high, values >= target, values <= target)
    amber = np.where(high, values >= target * 0.95, values <= target * 1.05)
    status = np.select([green, amber], [3, 2], 1).astype(np.int8)  # Green 3, Amber 2, Red 1
    status[np.isnan(target)] = 0  # None: needs target
    status[np.isnan(values)] = 0  # None: no data
    return status


def best_of(repeat, fn):
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - start)
    return min(times), out


def compare(label, rule_sets, index, values, target, high, repeat):
    n = values.size
    t1, ours = best_of(repeat, lambda: indeval.evaluate_bulk(
        rule_sets, index, values, target=target, threads=1, reason=False).status)
    t2, ours2 = best_of(repeat, lambda: indeval.evaluate_bulk(
        rule_sets, index, values, target=target, threads=2, reason=False).status)
    tn, theirs = best_of(repeat, lambda: numpy_status(values, target, high))
    assert np.array_equal(ours, theirs), f"{label}: {np.sum(ours != theirs)} statuses differ"
    assert np.array_equal(ours, ours2)
    print(f"{label}: {n:,} rows, best of {repeat}")
    print(f"  indeval 1 thread   {t1 * 1e3:8.2f} ms  {n / t1 / 1e9:6.3f} G values/s")
    print(f"  indeval 2 threads  {t2 * 1e3:8.2f} ms  {n / t2 / 1e9:6.3f} G values/s")
    print(f"  numpy              {tn * 1e3:8.2f} ms  {n / tn / 1e9:6.3f} G values/s")
    print(f"  ratio numpy/indeval: {tn / t1:.1f}x on 1 thread, {tn / t2:.1f}x on 2 threads")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", metavar="FOLDER", type=Path,
                        help="the LAIT files' folder (default: <shared>/data/lait; see "
                             "examples/lait_england.py)")
    parser.add_argument("--repeat", type=int, default=7, help="calls per timing (best is kept)")
    parser.add_argument("--large", type=int, default=10_000_000,
                        help="rows of the replicated run (0: skip it)")
    args = parser.parse_args(argv)

    example = load_example()
    rows = example.load(args.data or example.lait_dir())  # exits saying where to get the data
    values = rows["value"].to_numpy(np.float64)
    target = rows["england"].to_numpy(np.float64)
    index = rows["polarity"].map(list(example.RULES).index).to_numpy(np.int32)
    high = index == 0
    rule_sets = [indeval.RuleSet.parse(text) for text in example.RULES.values()]
    print(f"indeval {indeval.library_version()} ({indeval.library_path()})")
    counts = np.bincount(numpy_status(values, target, high), minlength=4)
    print("LAIT rows: " + "  ".join(f"{indeval.Status(s)} {counts[s]:,}" for s in (3, 2, 1, 0)))

    compare("LAIT as is", rule_sets, index, values, target, high, args.repeat)
    if args.large:
        reps = -(-args.large // values.size)
        compare(f"LAIT x{reps} (np.tile)", rule_sets, np.tile(index, reps),
                np.tile(values, reps), np.tile(target, reps), np.tile(high, reps),
                max(3, args.repeat // 2))


if __name__ == "__main__":
    main()
