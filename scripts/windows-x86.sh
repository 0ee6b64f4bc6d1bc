#!/usr/bin/env bash
# The windows-x86 workflow: 32-bit indeval.dll, its tests under 32-bit Wine (wine32:i386). Where
# wine32 cannot be installed, the DLL is still built and its exports and stack sizes checked, and
# the output says plainly that its programs were not run.
set -euo pipefail
cd "$(dirname "$0")/.."
if scripts/deps.sh wine32; then
  cmake --workflow --preset windows-x86
else
  echo "*** wine32:i386 could not be installed: the 32-bit Windows test programs will NOT be run" >&2
  dir=build/windows-x86-not-run
  cmake --preset windows-x86 -B "$dir" -DINDEVAL_WINDOWS_RUN_TESTS=OFF
  cmake --build "$dir"
  ctest --test-dir "$dir" --output-on-failure
  echo "*** NOT RUN under Wine: the C tests of capi/, windows_vba_harness and windows_free_library for 32-bit Windows (built and" \
       "export/stack-size checked only)" >&2
fi
