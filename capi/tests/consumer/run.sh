#!/usr/bin/env bash
# Installs the build tree into a scratch prefix and builds a C program against the *installed* C
# ABI twice: with find_package(indeval) (target indeval::capi) and with pkg-config (indeval-c).
#   run.sh BUILD_DIR WORK_DIR
set -euo pipefail
build=$1
work=$2
here=$(cd "$(dirname "$0")" && pwd)
rm -rf "$work"
mkdir -p "$work"
cmake --install "$build" --prefix "$work/prefix" >/dev/null
libdir=$(ls -d "$work/prefix"/lib* | head -n1)

# A sanitized library needs the sanitizer runtime in the program too.
extra_flags=()
symbols=$(nm -D --undefined-only "$libdir/libindeval.so" 2>/dev/null || true)
if [[ $symbols == *__asan_* ]]; then
  extra_flags=(-fsanitize=address,undefined)
fi

echo "== find_package(indeval): indeval::capi"
cmake -S "$here" -B "$work/cmake-build" -G Ninja -DCMAKE_PREFIX_PATH="$work/prefix" \
  -DCMAKE_C_FLAGS="${extra_flags[*]}" >/dev/null
cmake --build "$work/cmake-build" >/dev/null
"$work/cmake-build/c_consumer"

echo "== pkg-config indeval-c"
export PKG_CONFIG_PATH="$libdir/pkgconfig"
pkg-config --exists indeval-c
# shellcheck disable=SC2046
cc -std=c99 -Wall -Wextra -pedantic -Werror "${extra_flags[@]}" "$here/main.c" \
  -o "$work/pkgconfig-consumer" $(pkg-config --cflags --libs indeval-c) -Wl,-rpath,"$libdir"
"$work/pkgconfig-consumer"
