#!/usr/bin/env bash
# The whole test suite on a fresh Debian 12 machine: installs the packages it needs, then builds and
# runs every test twice — once in the dev preset (warnings are errors), once under ASan + UBSan —
# the threaded C/C++ tests once more under ThreadSanitizer, the bulk kernel tests with the AVX-512
# kernels emulated (SIMDe) on any AVX2 CPU, runs the libFuzzer targets for a fixed
# number of inputs with a fixed seed (fuzz preset), then builds indeval.dll for 64- and 32-bit
# Windows and runs its tests under Wine.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh test
cmake --workflow --preset dev
cmake --workflow --preset sanitize
cmake --workflow --preset tsan
cmake --workflow --preset avx512-emulated
cmake --workflow --preset fuzz
cmake --workflow --preset windows-x64
scripts/windows-x86.sh
