#!/usr/bin/env bash
# Lets this x86-64 Linux run ARM64 programs as if they were its own: registers Debian's
# qemu-aarch64-static (package qemu-user-static) with the kernel's binfmt_misc, as the
# package does at boot under systemd, with its own settings (/usr/lib/binfmt.d). Needed by
# the ARM64 tests (test-arm64) and the ARM64 image's build. Root; does nothing if done.
set -euo pipefail
conf=/usr/lib/binfmt.d/qemu-aarch64.conf
[ -r "$conf" ] || { echo "binfmt-aarch64: no $conf (apt-get install qemu-user-static)" >&2; exit 1; }
dir=/proc/sys/fs/binfmt_misc
[ -e "$dir/register" ] || mount -t binfmt_misc binfmt_misc "$dir"
if [ -e "$dir/qemu-aarch64" ]; then
  echo 1 > "$dir/qemu-aarch64"   # enabled, should it have been turned off
else
  grep -v '^#' "$conf" | grep . > "$dir/register"
fi
grep -q '^enabled' "$dir/qemu-aarch64" || { echo "binfmt-aarch64: registration failed" >&2; exit 1; }
