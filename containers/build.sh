#!/usr/bin/env bash
# Builds and installs matrix2hap: the five tools and the workflow step scripts
# (workflow/bin/m2h-wf-*) into PREFIX/bin. The image's build stage (containers/Dockerfile)
# runs exactly this.
#   containers/build.sh [--deps] [--arch ARCH] [--prefix DIR] [--build-dir DIR]
#     --deps        install the Debian build packages first (root; for the image)
#     --arch        the Debian architecture to build for [the machine's]; arm64 on another
#                   machine is a cross build (cmake/aarch64-linux-gnu.cmake), with --deps
#                   Debian's cross compiler and arm64 libraries
#     --prefix      where to install [/usr/local]
#     --build-dir   CMake build directory [a temporary one, removed afterwards]
set -euo pipefail
src=$(cd "$(dirname "$0")/.." && pwd)
prefix=/usr/local build="" deps=0 arch=""
host=$(dpkg --print-architecture)
while [ $# -gt 0 ]; do
  case $1 in
    --deps) deps=1; shift ;;
    --arch) arch=$2; shift 2 ;;
    --prefix) prefix=$2; shift 2 ;;
    --build-dir) build=$2; shift 2 ;;
    *) echo "usage: build.sh [--deps] [--arch ARCH] [--prefix DIR] [--build-dir DIR]" >&2; exit 1 ;;
  esac
done
arch=${arch:-$host}
cross=()
if [ "$arch" != "$host" ]; then
  [ "$arch" = arm64 ] || { echo "build.sh: cross builds are for arm64 only, not '$arch'" >&2; exit 1; }
  cross=(-DCMAKE_TOOLCHAIN_FILE="$src/cmake/aarch64-linux-gnu.cmake")
fi
if [ "$deps" = 1 ]; then
  packages=(cmake g++ make pkg-config libcli11-dev ca-certificates)
  if [ ${#cross[@]} -gt 0 ]; then
    dpkg --add-architecture "$arch"
    packages+=(g++-aarch64-linux-gnu libsimde-dev "libhts-dev:$arch" "liblz4-dev:$arch" "libfmt-dev:$arch"
               "libgmp-dev:$arch" "libmpfr-dev:$arch")
  else
    packages+=(libhts-dev liblz4-dev libfmt-dev libgmp-dev libmpfr-dev)
  fi
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${packages[@]}"
fi
if [ -z "$build" ]; then
  build=$(mktemp -d "${TMPDIR:-/tmp}/m2h-build.XXXXXX")
  trap 'rm -rf "$build"' EXIT
fi
cmake -S "$src" -B "$build" "${cross[@]}" -DCMAKE_BUILD_TYPE=Release -DM2H_TESTS=OFF -DCMAKE_INSTALL_PREFIX="$prefix"
cmake --build "$build" -j "$(nproc)"
cmake --install "$build" --strip   # the tools (without their symbols) and the workflow step scripts
if [ ${#cross[@]} -eq 0 ]; then "$prefix/bin/m2h-transform" --version; else echo "built for $arch"; fi
