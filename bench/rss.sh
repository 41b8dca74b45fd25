#!/usr/bin/env bash
# Peak resident memory (and wall time) of every tool at several input sizes,
# measured with GNU time. Memory must not grow with the input.
#   bench/rss.sh [BIN_DIR] [ROWS...]     default: build/install/bin, 4000000 40000000
set -euo pipefail
BIN=${1:-build/install/bin}; shift || true
SIZES=("${@:-4000000 40000000}")
BIN=$(cd "$BIN" && pwd)
WORK=${M2H_BENCH_DIR:-$(mktemp -d "${TMPDIR:-/tmp}/m2h-rss.XXXXXX")}
trap 'rm -rf "$WORK"' EXIT
[ -x /usr/bin/time ] || { echo "needs GNU time: apt-get install time" >&2; exit 1; }

measure() {  # measure LABEL ROWS CMD...: one TSV line
  local label=$1 rows=$2; shift 2
  /usr/bin/time -f '%e\t%M' -o "$WORK/time" "$@" > /dev/null
  printf '%s\t%s\t%s\n' "$label" "$rows" "$(cat "$WORK/time")"
}

printf 'step\trows\twall_s\tpeak_rss_kb\n'
for rows in ${SIZES[@]}; do
  m="$WORK/m.tsv"
  measure simulate "$rows" "$BIN/m2h-simulate" --rows "$rows" --chroms 8 --interleave 1000 -o "$m"
  measure simulate_bgzf "$rows" "$BIN/m2h-simulate" --rows "$rows" --chroms 8 --interleave 1000 --threads 2 -o "$m.gz"
  measure split "$rows" "$BIN/m2h-split" -o "$WORK/parts" "$m"
  measure split_bgzf_in "$rows" "$BIN/m2h-split" --threads 2 -o "$WORK/zparts" "$m.gz"
  measure split_compress "$rows" "$BIN/m2h-split" --compress --threads 2 -o "$WORK/cparts" "$m"
  measure merge "$rows" "$BIN/m2h-merge" --manifest "$WORK/parts/manifest.tsv" -o "$WORK/merged.tsv"
  measure merge_bgzf "$rows" "$BIN/m2h-merge" --threads 2 --manifest "$WORK/cparts/manifest.tsv" -o "$WORK/merged.tsv.gz"
  if [ -x "$BIN/m2h-transform" ]; then
    measure transform "$rows" "$BIN/m2h-transform" --samples auto -o "$WORK/out.tsv" "$m"
  fi
  rm -rf "$WORK"/parts "$WORK"/zparts "$WORK"/cparts "$WORK"/merged.* "$WORK"/m.tsv*
done
