#!/usr/bin/env bash
# The whole test suite on a fresh Debian 12 machine: installs the packages it needs, then builds and
# runs every test twice — once in the dev preset (warnings are errors), once under ASan + UBSan —
# the threaded C/C++ tests once more under ThreadSanitizer,
# and runs the libFuzzer targets for a fixed number of inputs with a fixed seed (fuzz preset).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh test
cmake --workflow --preset dev
cmake --workflow --preset sanitize
cmake --workflow --preset tsan
cmake --workflow --preset fuzz
