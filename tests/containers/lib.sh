# Shared helpers for the container tests (sourced). The image is built once per run by
# test_image.sh (a CTest fixture the others require); these tests run its tools through
# podman, with no m2h-* on the host's PATH: what runs, runs from the image.
source "$(dirname "${BASH_SOURCE[0]}")/../nextflow/lib.sh"
export CONTAINERS_CONF=${CONTAINERS_CONF:-$M2H_SRC/containers/containers.conf}
VERSION=$(sed -n 's/^project(matrix2hap VERSION \([0-9.]*\).*/\1/p' "$M2H_SRC/CMakeLists.txt")
IMAGE=matrix2hap:$VERSION
# The host's tools, by path only: for inputs and the reference outputs.
HOST_BIN=$M2H_BIN
PATH=$(echo "$PATH" | tr ':' '\n' | while read -r d; do [ -x "$d/m2h-transform" ] || echo "$d"; done | paste -sd:)
export PATH
! command -v m2h-transform > /dev/null || fail "m2h-transform is still on PATH: $(command -v m2h-transform)"
podman image exists "$IMAGE" || fail "no image $IMAGE (tests/containers/test_image.sh builds it: ctest -R containers.image)"
