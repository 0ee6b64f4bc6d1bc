#!/usr/bin/env bash
# The main job on the built-in example data: builds indeval (release) and rates the seed scorecard.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh build
cmake --preset release >/dev/null
cmake --build --preset release --target seed_scorecard >/dev/null
build/release/examples/seed_scorecard
