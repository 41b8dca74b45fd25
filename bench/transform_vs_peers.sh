#!/usr/bin/env bash
# m2h-transform against its peers on the same file, side by side in one run:
# cat (the I/O floor) and the one-pass awk script of the same rule (bench/peers/seed.awk).
#   bench/transform_vs_peers.sh [BIN_DIR] [ROWS]     default: build/install/bin 4000000
set -euo pipefail
BIN=$(cd "${1:-build/install/bin}" && pwd); ROWS=${2:-4000000}
HERE=$(cd "$(dirname "$0")" && pwd)
WORK=$(mktemp -d "${TMPDIR:-/tmp}/m2h-bench.XXXXXX"); trap 'rm -rf "$WORK"' EXIT
"$BIN/m2h-simulate" --rows "$ROWS" --chroms 8 -o "$WORK/m.tsv"
cat "$WORK/m.tsv" > /dev/null  # warm the page cache for everyone alike
wall() { /usr/bin/time -f '%e' -o "$WORK/t" "$@" > /dev/null; cat "$WORK/t"; }
bytes=$(stat -c %s "$WORK/m.tsv")
ours=$(wall "$BIN/m2h-transform" -o "$WORK/ours.tsv" "$WORK/m.tsv")
printf 'tool\twall_s\tMB_per_s\tratio_to_m2h\n'
row() { printf '%s\t%s\t%.0f\t%.1f\n' "$1" "$2" "$(echo "$bytes / $2 / 1000000" | bc -l)" "$(echo "$2 / $ours" | bc -l)"; }
row cat "$(wall cat "$WORK/m.tsv")"
row m2h-transform "$ours"
row mawk "$(wall mawk -f "$HERE/peers/seed.awk" "$WORK/m.tsv")"
mawk -f "$HERE/peers/seed.awk" "$WORK/m.tsv" | cmp -s - "$WORK/ours.tsv" || { echo "peer output differs" >&2; exit 1; }
