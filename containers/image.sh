#!/usr/bin/env bash
# Builds the matrix2hap image from containers/Dockerfile with podman, as a user with a
# registry would, except where no registry answers: then the Debian base is made here from
# Debian's packages (containers/base.sh) and given to the Dockerfile as BASE. Prints the
# image's size.
#   containers/image.sh [--arch amd64|arm64] [--base IMAGE] [--new-base] [--tag NAME] [--multi]
#     --arch        the platform [the machine's]: the machine's own is matrix2hap:VERSION (and
#                   :latest); arm64 on an x86-64 machine is matrix2hap:VERSION-arm64, its tools
#                   cross-compiled (no compiler under emulation), its packages installed under
#                   qemu-user (needs qemu-user-static and scripts/binfmt-aarch64.sh)
#     --base IMAGE  the Debian 12 base of that platform [debian:bookworm-slim if it is here or
#                   can be pulled, else localhost/m2h-base:bookworm(-ARCH), made if missing]
#     --new-base    make the local base anew (and use it)
#     --tag NAME    image name [matrix2hap]
#     --multi       then the manifest list NAME:VERSION-multi of both platforms' images
# podman reads CONTAINERS_CONF, by default containers/containers.conf (runc, lower rlimits).
set -euo pipefail
src=$(cd "$(dirname "$0")/.." && pwd)
export CONTAINERS_CONF=${CONTAINERS_CONF:-$src/containers/containers.conf}
version=$(sed -n 's/^project(matrix2hap VERSION \([0-9.]*\).*/\1/p' "$src/CMakeLists.txt")
host=$(dpkg --print-architecture)
arch=$host base="" new_base=0 name=matrix2hap multi=0
usage="usage: image.sh [--arch amd64|arm64] [--base IMAGE] [--new-base] [--tag NAME] [--multi]"
while [ $# -gt 0 ]; do
  case $1 in
    --arch) arch=$2; shift 2 ;;
    --base) base=$2; shift 2 ;;
    --new-base) new_base=1; shift ;;
    --tag) name=$2; shift 2 ;;
    --multi) multi=1; shift ;;
    *) echo "$usage" >&2; exit 1 ;;
  esac
done
command -v podman > /dev/null || { echo "image.sh: needs podman (apt-get install podman runc)" >&2; exit 1; }
log=${TMPDIR:-/tmp}/m2h-image-build.log

# pick_base ARCH FRESH: the base of that platform, pulled or made here (printed); FRESH=1
# makes the local one anew.
pick_base() {
  local a=$1 fresh=$2 local_base=localhost/m2h-base:bookworm
  [ "$a" = "$host" ] || local_base+="-$a"
  if [ "$fresh" = 0 ]; then
    if podman image exists "$local_base"; then echo "$local_base"; return; fi
    if [ "$a" = "$host" ]; then
      if podman pull -q debian:bookworm-slim > /dev/null 2>&1; then echo debian:bookworm-slim; return; fi
    elif id=$(podman pull -q --platform "linux/$a" debian:bookworm-slim 2> /dev/null); then
      # by its ID, under a name of its own: the pull moved debian:bookworm-slim to it
      podman tag "$id" "$local_base" && echo "$local_base" && return
    fi
    echo "image.sh: debian:bookworm-slim ($a) cannot be pulled; the base is made from Debian's packages" >&2
  fi
  "$src/containers/base.sh" --arch "$a" "$local_base" >&2
  echo "$local_base"
}
case $arch in
  "$host") ;;
  arm64) "$src/scripts/binfmt-aarch64.sh" ;;  # its programs run here under qemu-user
  *) echo "image.sh: --arch $host or arm64, not '$arch'" >&2; exit 1 ;;
esac
# --new-base: the target's base anew; a cross build's stage reuses the machine's own.
if [ "$arch" = "$host" ]; then
  build_base=$(pick_base "$host" "$new_base")
  base=${base:-$build_base}
else
  build_base=$(pick_base "$host" 0)
  base=${base:-$(pick_base "$arch" "$new_base")}
fi

start=$(date +%s)
# --network host: RUN steps reach Debian's archive as the host does.
if [ "$arch" = "$host" ]; then
  image=$name:$version
  podman build --network host --build-arg "BASE=$base" -f "$src/containers/Dockerfile" \
    -t "$image" -t "$name:latest" "$src" > "$log" 2>&1 \
    || { tail -30 "$log" >&2; echo "image.sh: podman build failed" >&2; exit 2; }
else
  image=$name:$version-$arch
  # podman 4.3 cannot mix platforms in one build, so the Dockerfile's two stages run apart:
  # the build stage on this machine (cross-compiling), its result labelled arm64 (its own
  # programs still run natively here), then the arm64 build with it as BUILD_BASE, whose
  # build stage finds /opt/m2h built and the runtime stage takes the tools from it.
  built=localhost/m2h-build:$arch
  podman build --network host --target build --build-arg "BASE=$build_base" --build-arg "TARGETARCH=$arch" \
    -f "$src/containers/Dockerfile" -t "$built-cross" "$src" > "$log" 2>&1 \
    || { tail -30 "$log" >&2; echo "image.sh: the build stage failed" >&2; exit 2; }
  ctr=$(podman create "$built-cross" true)
  podman export "$ctr" | podman import -q --arch "$arch" - "$built" > /dev/null
  podman rm "$ctr" > /dev/null
  podman build --network host --platform "linux/$arch" --build-arg "BASE=$base" --build-arg "BUILD_BASE=$built" \
    -f "$src/containers/Dockerfile" -t "$image" "$src" >> "$log" 2>&1 \
    || { tail -30 "$log" >&2; echo "image.sh: podman build failed" >&2; exit 2; }
fi
size=$(podman image inspect --format '{{.Size}}' "$image")
echo "image $image (from $base): $((size / 1000000)) MB, built in $(($(date +%s) - start)) s"

if [ "$multi" = 1 ]; then
  list=$name:$version-multi
  ! podman manifest exists "$list" || podman manifest rm "$list" > /dev/null
  podman manifest create "$list" > /dev/null
  for a in amd64 arm64; do
    img=$name:$version; [ "$a" = "$host" ] || img+="-$a"
    podman image exists "$img" || { echo "image.sh: no $img for the manifest list (build it with --arch $a)" >&2; exit 2; }
    podman manifest add "$list" "containers-storage:localhost/$img" > /dev/null
  done
  echo "manifest list $list: $(podman manifest inspect "$list" | sed -n 's/.*"architecture": "\(.*\)".*/\1/p' | tr '\n' ' ')"
fi
