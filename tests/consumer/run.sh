#!/usr/bin/env bash
# Installs the build tree into a scratch prefix and builds a program against the *installed*
# package twice: with find_package(indeval) and with pkg-config.
#   run.sh BUILD_DIR WORK_DIR
set -euo pipefail
build=$1
work=$2
here=$(cd "$(dirname "$0")" && pwd)
rm -rf "$work"
mkdir -p "$work"
cmake --install "$build" --prefix "$work/prefix" >/dev/null

echo "== find_package(indeval)"
cmake -S "$here" -B "$work/cmake-build" -G Ninja -DCMAKE_PREFIX_PATH="$work/prefix" >/dev/null
cmake --build "$work/cmake-build" >/dev/null
"$work/cmake-build/consumer"

echo "== pkg-config indeval"
libdir=$(ls -d "$work/prefix"/lib*/pkgconfig | head -n1)
export PKG_CONFIG_PATH="$libdir"
pkg-config --exists indeval
# shellcheck disable=SC2046
c++ "$here/main.cpp" -o "$work/pkgconfig-consumer" $(pkg-config --cflags --libs indeval)
"$work/pkgconfig-consumer"
