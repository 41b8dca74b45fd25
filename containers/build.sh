#!/usr/bin/env bash
# Builds and installs matrix2hap: the four tools and the workflow step scripts
# (workflow/bin/m2h-wf-*) into PREFIX/bin. The image's build stage (containers/Dockerfile)
# runs exactly this.
#   containers/build.sh [--deps] [--prefix DIR] [--build-dir DIR]
#     --deps        install the Debian build packages first (root; for the image)
#     --prefix      where to install [/usr/local]
#     --build-dir   CMake build directory [a temporary one, removed afterwards]
set -euo pipefail
src=$(cd "$(dirname "$0")/.." && pwd)
prefix=/usr/local build="" deps=0
while [ $# -gt 0 ]; do
  case $1 in
    --deps) deps=1; shift ;;
    --prefix) prefix=$2; shift 2 ;;
    --build-dir) build=$2; shift 2 ;;
    *) echo "usage: build.sh [--deps] [--prefix DIR] [--build-dir DIR]" >&2; exit 1 ;;
  esac
done
if [ "$deps" = 1 ]; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    cmake g++ make pkg-config libhts-dev liblz4-dev libcli11-dev libfmt-dev ca-certificates
fi
if [ -z "$build" ]; then
  build=$(mktemp -d "${TMPDIR:-/tmp}/m2h-build.XXXXXX")
  trap 'rm -rf "$build"' EXIT
fi
cmake -S "$src" -B "$build" -DCMAKE_BUILD_TYPE=Release -DM2H_TESTS=OFF -DCMAKE_INSTALL_PREFIX="$prefix"
cmake --build "$build" -j "$(nproc)"
cmake --install "$build"   # the tools and the workflow step scripts
"$prefix/bin/m2h-transform" --version
