#!/usr/bin/env bash
# Compares a freshly built libindeval.so with the committed ABI baseline (libindeval.abi, next to
# this script) and fails on an incompatible change. Additions (new functions) pass.
#
#   check.sh path/to/libindeval.so            check (the ctest test capi_abi_check)
#   check.sh path/to/libindeval.so --update   rewrite the baseline from this library: only for a
#                                             deliberate ABI change (see docs/abi-stability.md)
#
# The library must carry debug information (a Debug or RelWithDebInfo build): the baseline records
# the types of every exported function's parameters, which abidw reads from DWARF. Only types
# declared in the public header (capi/include) are part of the ABI.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
headers=$(cd "$here/../include" && pwd)
baseline="$here/libindeval.abi"
lib=${1:?usage: check.sh LIBRARY [--update]}
mode=${2:-check}

if [[ ! -f $lib ]]; then
  echo "check.sh: no library at $lib" >&2
  exit 2
fi
sections=$(readelf -S "$lib" 2>/dev/null || true)
if [[ $sections != *.debug_info* ]]; then
  echo "check.sh: $lib has no debug information; build it with -g (Debug or RelWithDebInfo)" >&2
  exit 2
fi

if [[ $mode == --update ]]; then
  abidw --no-corpus-path --no-comp-dir-path --no-show-locs --exported-interfaces-only \
    --headers-dir "$headers" --drop-private-types --out-file "$baseline.new" "$lib"
  mv "$baseline.new" "$baseline"
  echo "check.sh: wrote $baseline"
  exit 0
fi
if [[ $mode != check ]]; then
  echo "check.sh: unknown option $mode" >&2
  exit 2
fi
if [[ ! -f $baseline ]]; then
  echo "check.sh: no baseline at $baseline (create it with: check.sh LIB --update)" >&2
  exit 2
fi

diff_args=(--no-show-locs --exported-interfaces-only --headers-dir2 "$headers" --drop-private-types)
incompatible() {
  echo "check.sh: INCOMPATIBLE ABI change against $baseline ($1)." >&2
  echo "check.sh: restore compatibility, or make a deliberate new ABI major: raise" >&2
  echo "check.sh: INDEVAL_ABI_MAJOR in indeval.h and rewrite the baseline (docs/abi-stability.md)." >&2
  exit 1
}

# abidiff's exit status is a bit field: 1 tool error, 2 usage error, 4 ABI change, 8 incompatible
# change (a removed function, ...). Bit 4 alone may be an addition (fine) or a changed function
# (not fine: a parameter's type, say), so a second run that leaves additions out decides.
rc=0
abidiff "${diff_args[@]}" "$baseline" "$lib" || rc=$?
if (( rc & 3 )); then
  echo "check.sh: abidiff failed (exit $rc)" >&2
  exit 2
fi
if (( rc & 8 )); then
  incompatible "abidiff exit $rc"
fi
if (( rc & 4 )); then
  rc2=0
  abidiff "${diff_args[@]}" --no-added-syms "$baseline" "$lib" >/dev/null || rc2=$?
  if (( rc2 & 3 )); then
    echo "check.sh: abidiff failed (exit $rc2)" >&2
    exit 2
  fi
  if (( rc2 & 12 )); then
    incompatible "changes beyond additions, abidiff exit $rc2"
  fi
  echo "check.sh: compatible ABI change (additions only) against the baseline: fine."
  echo "check.sh: record it in the baseline when the new ABI minor is released."
else
  echo "check.sh: ABI identical to the baseline."
fi
exit 0
