#!/usr/bin/env bash
# Installs what indeval needs to build and test from Debian 12's packages (run as root).
#   scripts/deps.sh build   compilers and libraries
#   scripts/deps.sh test    the above, plus what the test suite uses (Python, ABI tools, Chromium,
#                           clang and its libFuzzer/sanitizer runtime for the fuzz preset,
#                           SIMDe for the avx512-emulated preset,
#                           the MinGW-w64 cross compilers and Wine for the Windows presets)
#   scripts/deps.sh wine32  32-bit Wine (wine32:i386, adding the i386 architecture), for the
#                           windows-x86 preset's tests; exits non-zero when it cannot be installed
set -euo pipefail
want=${1:-test}
packages=(g++ cmake ninja-build pkg-config libboost-dev libhowardhinnant-date-dev
          libgtest-dev libbenchmark-dev python3 python3-numpy)
if [ "$want" = test ]; then
  packages+=(abigail-tools binutils python3-pandas python3-pytest python3-pil chromium git
             python3-venv python3-setuptools python3-wheel python3-pip python3-build
             python3-dask python3-distributed clang libclang-rt-14-dev libsimde-dev
             g++-mingw-w64-x86-64-posix g++-mingw-w64-i686-posix wine wine64)
elif [ "$want" = wine32 ]; then
  packages=(wine32:i386)
  if ! dpkg --print-foreign-architectures | grep -qx i386; then
    [ "$(id -u)" -eq 0 ] || { echo "wine32:i386 needs the i386 architecture (run as root)" >&2; exit 1; }
    dpkg --add-architecture i386
  fi
fi
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "indeval needs these Debian packages: ${missing[*]} (run as root, or install them)" >&2
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
