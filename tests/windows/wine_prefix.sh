#!/bin/sh
# Creates the Wine prefix the Windows tests run in (once; later runs find it made) and waits
# until Wine has finished setting it up.
set -eu
prefix=$1
export WINEPREFIX="$prefix" WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml="
if [ ! -f "$prefix/system.reg" ]; then
  wineboot --init
fi
wineserver --wait
echo "wine prefix $prefix: $(wine --version)"
