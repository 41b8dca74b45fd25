# The linux/arm64 image and the manifest list of both platforms, on this x86-64 machine: the
# arm64 base made anew from Debian's arm64 packages (debootstrap --foreign, finished under
# qemu-user), the tools cross-compiled (no compiler under emulation), the runtime packages
# installed under qemu-user (containers/image.sh --arch arm64). Then its tools, run under
# emulation, pass the command-line tests (test_cli.sh with ARCH=arm64). Needs the amd64 image
# (containers.image) for the list, and binfmt_misc for aarch64 (scripts/binfmt-aarch64.sh).
source "$(dirname "$0")/lib.sh"
"$M2H_SRC/scripts/binfmt-aarch64.sh" || fail "scripts/binfmt-aarch64.sh"
"$M2H_SRC/containers/image.sh" --arch arm64 --new-base --multi || fail "containers/image.sh --arch arm64"
ARM=$IMAGE-arm64
[ "$(podman image inspect --format '{{.Architecture}}' "$ARM")" = arm64 ] || fail "$ARM is not an arm64 image"
size=$(podman image inspect --format '{{.Size}}' "$ARM")
# (its base is larger than the amd64 one; m2h-extend and MPFR added 2 MB)
[ "$size" -lt 125000000 ] || fail "$ARM is $((size / 1000000)) MB, over 125 MB"

echo "+ podman manifest inspect $IMAGE-multi"
podman manifest inspect "$IMAGE-multi" | tee manifest.json
archs=$(sed -n 's/.*"architecture": "\(.*\)".*/\1/p' manifest.json | sort | tr '\n' ' ')
[ "$archs" = "amd64 arm64 " ] || fail "the manifest list holds: $archs"

run() { podman run --rm --network none --platform linux/arm64 "$ARM" "$@"; }
[ "$(run uname -m)" = aarch64 ] || fail "$ARM does not run as aarch64: $(run uname -m)"
echo "+ podman run --platform linux/arm64 $ARM m2h-transform --version"
run m2h-transform --version | tee version.txt
[ "$(head -n 1 version.txt)" = "$("$HOST_BIN/m2h-transform" --version | head -n 1)" ] \
  || fail "the arm64 image's m2h-transform is not this build's version"
! run sh -c 'command -v g++ || command -v cmake || command -v qemu-aarch64-static' || fail "build tools in the arm64 image"
echo "arm64 image $ARM: $((size / 1000000)) MB; manifest list $IMAGE-multi: $archs"

ARCH=arm64 bash "$M2H_SRC/tests/containers/test_cli.sh" || fail "the command-line tests with the arm64 image's tools"
pass
