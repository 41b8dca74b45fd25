#!/usr/bin/env bash
# Builds the matrix2hap image, matrix2hap:VERSION (and :latest), from containers/Dockerfile
# with podman, as a user with a registry would, except where no registry answers: then the
# base is made here from Debian's packages (containers/base.sh) and given to the Dockerfile
# as BASE. Prints the image's size.
#   containers/image.sh [--base IMAGE] [--new-base] [--tag NAME]
#     --base IMAGE   the Debian 12 base [debian:bookworm-slim if it is here or can be pulled,
#                    else localhost/m2h-base:bookworm, made by containers/base.sh if missing]
#     --new-base     make localhost/m2h-base:bookworm anew (and use it)
#     --tag NAME     image name [matrix2hap]
# podman reads CONTAINERS_CONF, by default containers/containers.conf (runc, lower rlimits).
set -euo pipefail
src=$(cd "$(dirname "$0")/.." && pwd)
export CONTAINERS_CONF=${CONTAINERS_CONF:-$src/containers/containers.conf}
version=$(sed -n 's/^project(matrix2hap VERSION \([0-9.]*\).*/\1/p' "$src/CMakeLists.txt")
local_base=localhost/m2h-base:bookworm
base="" new_base=0 name=matrix2hap
while [ $# -gt 0 ]; do
  case $1 in
    --base) base=$2; shift 2 ;;
    --new-base) new_base=1; base=$local_base; shift ;;
    --tag) name=$2; shift 2 ;;
    *) echo "usage: image.sh [--base IMAGE] [--new-base] [--tag NAME]" >&2; exit 1 ;;
  esac
done
command -v podman > /dev/null || { echo "image.sh: needs podman (apt-get install podman runc)" >&2; exit 1; }

if [ -z "$base" ]; then
  if podman image exists debian:bookworm-slim || podman pull -q debian:bookworm-slim > /dev/null 2>&1; then
    base=debian:bookworm-slim
  else
    echo "image.sh: debian:bookworm-slim cannot be pulled; the base is made from Debian's packages"
    base=$local_base
  fi
fi
if [ "$base" = "$local_base" ] && { [ "$new_base" = 1 ] || ! podman image exists "$base"; }; then
  "$src/containers/base.sh" "$base"
fi

start=$(date +%s)
# --network host: RUN steps reach Debian's archive as the host does.
podman build --network host --build-arg "BASE=$base" -f "$src/containers/Dockerfile" \
  -t "$name:$version" -t "$name:latest" "$src" > "${TMPDIR:-/tmp}/m2h-image-build.log" 2>&1 \
  || { tail -30 "${TMPDIR:-/tmp}/m2h-image-build.log" >&2; echo "image.sh: podman build failed" >&2; exit 2; }
size=$(podman image inspect --format '{{.Size}}' "$name:$version")
echo "image $name:$version (from $base): $((size / 1000000)) MB, built in $(($(date +%s) - start)) s"
