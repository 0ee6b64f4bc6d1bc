#!/usr/bin/env bash
# The main job on the built-in example data: builds indeval (release), rates the seed scorecard for
# its latest month against the month before, and writes the HTML report to out/scorecard.html.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh build
cmake --preset release >/dev/null
cmake --build --preset release --target indeval_capi >/dev/null
mkdir -p out
INDEVAL_LIBRARY="$PWD/$(ls build/release/capi/libindeval.so)" PYTHONPATH="$PWD/bindings/python" \
  /usr/bin/python3 -m indeval scorecard --html out/scorecard.html "$@"
