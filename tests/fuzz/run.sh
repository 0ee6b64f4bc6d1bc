#!/bin/sh
# run.sh TARGET CORPUS WORK RUNS: runs a libFuzzer target RUNS times with seed 1 from the committed
# CORPUS (read only: new inputs and crash reproducers go to WORK, emptied first).
set -eu
target=$1 corpus=$2 work=$3 runs=$4
rm -rf "$work"
mkdir -p "$work/new"
exec "$target" -runs="$runs" -seed=1 -timeout=10 -max_len=1024 -print_final_stats=1 \
  -artifact_prefix="$work/" "$work/new" "$corpus"
