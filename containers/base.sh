#!/usr/bin/env bash
# A Debian 12 (bookworm) base image made from Debian's own packages, for building the
# matrix2hap image where no container registry can be reached (with one, the Dockerfile's
# default base, debian:bookworm-slim, is pulled instead). debootstrap's minbase variant,
# trimmed the way the slim images are: no documentation, man pages or translations (and dpkg
# told to leave them out of every later install), no package lists or downloaded packages.
# The result is imported into podman as NAME.
#   containers/base.sh [--arch ARCH] NAME
#     --arch   Debian architecture (amd64, arm64, ...) [the host's]; a foreign one needs
#              qemu-user-static and binfmt_misc (see docs/usage.md, Platforms)
# Needs root, debootstrap and podman; the Debian mirror is the one debootstrap defaults to.
set -euo pipefail
arch=$(dpkg --print-architecture)
while [ $# -gt 0 ]; do
  case $1 in
    --arch) arch=$2; shift 2 ;;
    -*) echo "usage: base.sh [--arch ARCH] NAME" >&2; exit 1 ;;
    *) break ;;
  esac
done
[ $# -eq 1 ] || { echo "usage: base.sh [--arch ARCH] NAME" >&2; exit 1; }
name=$1
[ "$(id -u)" -eq 0 ] || { echo "base.sh: needs root (debootstrap)" >&2; exit 1; }
root=$(mktemp -d "${TMPDIR:-/var/tmp}/m2h-base.XXXXXX")
trap 'rm -rf "$root"' EXIT

opts=(--variant=minbase --arch "$arch")
[ "$arch" = "$(dpkg --print-architecture)" ] || opts+=(--foreign)
debootstrap "${opts[@]}" bookworm "$root" > "$root.log" 2>&1 || { tail -20 "$root.log" >&2; rm -f "$root.log"; exit 2; }
rm -f "$root.log"
if [ -x "$root/debootstrap/debootstrap" ]; then
  # A foreign architecture: its second stage runs its own binaries, under qemu-user.
  chroot "$root" /debootstrap/debootstrap --second-stage > /dev/null
fi

# What later installs leave out (dpkg) and clean up (apt), as in the slim images.
cat > "$root/etc/dpkg/dpkg.cfg.d/m2h-slim" <<'EOF'
# Documentation, manuals and translations are not installed into this image.
path-exclude /usr/share/doc/*
path-include /usr/share/doc/*/copyright
path-exclude /usr/share/man/*
path-exclude /usr/share/info/*
path-exclude /usr/share/groff/*
path-exclude /usr/share/lintian/*
path-exclude /usr/share/locale/*
path-include /usr/share/locale/locale.alias
EOF
cat > "$root/etc/apt/apt.conf.d/m2h-slim" <<'EOF'
// Downloaded packages are removed once installed; no translated package descriptions.
DPkg::Post-Invoke { "rm -f /var/cache/apt/archives/*.deb /var/cache/apt/archives/partial/*.deb /var/cache/apt/*.bin || true"; };
APT::Update::Post-Invoke { "rm -f /var/cache/apt/archives/*.deb /var/cache/apt/archives/partial/*.deb /var/cache/apt/*.bin || true"; };
Dir::Cache::pkgcache "";
Dir::Cache::srcpkgcache "";
Acquire::Languages "none";
EOF
find "$root/usr/share/doc" -mindepth 1 -not -name copyright -not -type d -delete
find "$root/usr/share/doc" -mindepth 1 -type d -empty -delete
rm -rf "$root"/usr/share/man/* "$root"/usr/share/info/* "$root"/usr/share/groff/* "$root"/usr/share/lintian/*
find "$root/usr/share/locale" -mindepth 1 -maxdepth 1 -not -name locale.alias -exec rm -rf {} +
rm -rf "$root"/var/lib/apt/lists/* "$root"/var/cache/apt/* "$root"/var/log/*.log "$root"/var/log/apt/* "$root"/tmp/*
# The host's name resolution must not be baked in.
: > "$root/etc/resolv.conf"
: > "$root/etc/hostname"

tar -C "$root" --numeric-owner -c . | podman import -q --arch "$arch" --change 'CMD ["bash"]' - "$name" > /dev/null
echo "base image $name ($arch): $(podman image inspect --format '{{.Size}}' "$name" | awk '{ printf "%.0f MB", $1 / 1e6 }')"
