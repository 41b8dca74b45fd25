# The image, built as `make image` builds it (containers/image.sh: containers/Dockerfile with
# podman), from a Debian base made here with debootstrap, anew each run (no registry is
# reachable; the Dockerfile takes the base as a build argument). Its size must stay under
# 120 MB; it holds the tools and step scripts, the runtime libraries, bash and ps, and no
# compiler. The other container tests require this one (a CTest fixture).
set -euo pipefail
: "${M2H_SRC:?set M2H_SRC}" "${M2H_BIN:?set M2H_BIN}"
fail() { echo "FAIL: $*" >&2; exit 1; }
export CONTAINERS_CONF=${CONTAINERS_CONF:-$M2H_SRC/containers/containers.conf}
VERSION=$(sed -n 's/^project(matrix2hap VERSION \([0-9.]*\).*/\1/p' "$M2H_SRC/CMakeLists.txt")
IMAGE=matrix2hap:$VERSION
echo "podman $(podman --version | cut -d' ' -f3), runtime $(podman info --format '{{.Host.OCIRuntime.Name}}')"
"$M2H_SRC/containers/image.sh" --new-base || fail "containers/image.sh"
size=$(podman image inspect --format '{{.Size}}' "$IMAGE")
[ "$size" -lt 120000000 ] || fail "$IMAGE is $((size / 1000000)) MB, over 120 MB"
run() { podman run --rm --network none "$IMAGE" "$@"; }
for t in m2h-split m2h-transform m2h-merge m2h-simulate m2h-extend m2h-wf-split m2h-wf-transform m2h-wf-summary m2h-wf-chart m2h-wf-merge awk; do
  run sh -c "command -v $t" > /dev/null || fail "$t is not on the image's PATH"
done
[ "$(run m2h-transform --version)" = "$("$M2H_BIN/m2h-transform" --version)" ] || fail "the image's m2h-transform is not this build's version"
run ps -p 1 > /dev/null || fail "no ps in the image (Nextflow's task metrics need it)"
! run sh -c 'command -v g++ || command -v cmake || command -v python3' || fail "build tools in the runtime image"
echo "image $IMAGE: $((size / 1000000)) MB; $(run m2h-transform --version)"
echo "PASS: test_image.sh"
