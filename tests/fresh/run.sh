#!/usr/bin/env bash
# The README's first command on a machine with nothing installed. A minimal Debian 12
# (bookworm) is made with debootstrap (with make, and the CA certificates a new machine
# has), this repository's committed HEAD is cloned into it, and there, as the very first
# command, `make run` runs as root: it must install what it needs, build, run the
# workflow and name its output, which must exist and follow the umask; bcftools,
# installed only afterwards, must read it. No test package (Catch2, clang, bcftools,
# SLURM) may have been installed by `make run`.
# Needs root, debootstrap and network access to Debian's archive and PyPI.
#   tests/fresh/run.sh            (M2H_FRESH_DIR: where the machine is made [/var/tmp/m2h-fresh])
#   M2H_FRESH_REF=<commit> ...    clone that commit instead of HEAD
set -euo pipefail
src=$(cd "$(dirname "$0")/../.." && pwd)
top=${M2H_FRESH_DIR:-/var/tmp/m2h-fresh}
root=$top/root
log=$top/log
ref=${M2H_FRESH_REF:-HEAD}
fail() { echo "FAIL: $*" >&2; exit 1; }
[ "$(id -u)" -eq 0 ] || fail "needs root (debootstrap, chroot)"
command -v debootstrap >/dev/null || fail "needs debootstrap (apt-get install debootstrap)"

mounted=()
cleanup() {
  local i
  for ((i = ${#mounted[@]} - 1; i >= 0; i--)); do umount -l "${mounted[i]}" 2>/dev/null || true; done
  mounted=()
  # Never remove through a mount that is still there (the host's /proc).
  if [ -d "$root" ] && ! findmnt -rn -o TARGET | grep -q "^$root/"; then rm -rf "$root"; fi
}
trap cleanup EXIT
cleanup
mkdir -p "$top" "$log"

step() { echo "== $* ($(date +%T))"; }
step "debootstrap bookworm (minbase, make, ca-certificates)"
debootstrap --variant=minbase --include=make,ca-certificates bookworm "$root" > "$log/debootstrap.log" 2>&1 \
  || fail "debootstrap: $(tail -5 "$log/debootstrap.log")"

# What belongs to the machine rather than to the project: name resolution, and the CA
# certificates and pip certificate setting of this workplace's network egress.
cp /etc/resolv.conf "$root/etc/resolv.conf"
if compgen -G "/usr/local/share/ca-certificates/*.crt" > /dev/null; then
  cp /usr/local/share/ca-certificates/*.crt "$root/usr/local/share/ca-certificates/"
  chroot "$root" update-ca-certificates > /dev/null 2>&1
fi
for m in proc dev/shm; do
  mkdir -p "$root/$m"
  mount -t "$([ $m = proc ] && echo proc || echo tmpfs)" "m2h-fresh-$m" "$root/$m"
  mounted+=("$root/$m")
done
env_vars=(HOME=/root LANG=C.UTF-8 PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin)
for v in PIP_CERT REQUESTS_CA_BUNDLE SSL_CERT_FILE PIP_INDEX_URL PIP_DEFAULT_TIMEOUT http_proxy https_proxy no_proxy; do
  [ -n "${!v:-}" ] && env_vars+=("$v=${!v}")
done
in_root() { chroot "$root" /usr/bin/env -i "${env_vars[@]}" /bin/bash -c "umask 022; cd /root/matrix2hap && $1"; }

dpkg_state() { chroot "$root" dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"; }
for p in cmake g++ catch2 snakemake python3; do
  ! dpkg_state "$p" || fail "the fresh machine already has $p"
done

step "git clone ($ref)"
git clone -q --no-checkout "$src" "$root/root/matrix2hap"
git -C "$root/root/matrix2hap" checkout -q "$(git -C "$src" rev-parse "$ref")"

step "make run (the first command)"
if ! in_root "make run" > "$log/make-run.log" 2>&1; then
  tail -40 "$log/make-run.log" >&2
  fail "make run failed on a fresh machine (log: $log/make-run.log)"
fi
tail -3 "$log/make-run.log"
out=$(sed -n 's/^Output: \([^ ]*\).*/\1/p' "$log/make-run.log")
[ -n "$out" ] || fail "make run did not print where its output is"
[ -s "$root/root/matrix2hap/$out" ] || fail "make run named '$out', which does not exist"
[ -s "$root/root/matrix2hap/$out.csi" ] || fail "no index beside '$out'"
# the whole pipeline: a read-backed VCF in 2 or more parts, samples extended, the extended VCF
extended=$(sed -n 's/^Output: .*extended: [^ ]*, \([^ ]*\.extended\.vcf\.gz\)$/\1/p' "$log/make-run.log")
[ -n "$extended" ] && [ -s "$root/root/matrix2hap/$extended" ] || fail "make run does not end naming an extended VCF"
parts=$(tail -n 1 "$root/root/matrix2hap/${out%.vcf.gz}.summary.tsv" | cut -f2 | cut -d' ' -f1)
[ "$parts" -ge 2 ] || fail "the example ran in $parts part(s): a new user never sees the scatter"
for p in catch2 clang bcftools slurm-wlm snakemake; do
  ! dpkg_state "$p" || fail "make run installed the test package $p"
done
wrong=$(cd "$root/root/matrix2hap" && find results -type f ! -perm 644 -printf '%m %p\n')
[ -z "$wrong" ] || fail "under umask 022, outputs not 0644: $wrong"

step "bcftools (installed now) reads $out"
in_root "apt-get install -y -qq --no-install-recommends bcftools" > "$log/bcftools.log" 2>&1 \
  || fail "apt-get install bcftools: $(tail -5 "$log/bcftools.log")"
records=$(in_root "bcftools view -H '$out' | wc -l") || fail "bcftools cannot read $out"
[ "$records" -gt 0 ] || fail "bcftools read no record from $out"
contigs=$(in_root "bcftools index -s '$out' | wc -l") || fail "bcftools cannot read the index of $out"
[ "$contigs" -eq 4 ] || fail "the index lists $contigs contigs, the example has 4"
[ "$(in_root "bcftools view -H '$extended' | wc -l")" -eq "$records" ] || fail "the extended VCF has other records"
echo "fresh machine: make run wrote $out ($parts parts), $records records on $contigs contigs, and $extended, read by bcftools"
step "PASS"
