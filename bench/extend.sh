#!/usr/bin/env bash
# `make bench` (BENCH_PARTS=extend): m2h-extend against phase-extender 0.1.8, the tool whose
# files it writes. A sample of interest cut into read-backed blocks and a 15-sample panel
# (m2h-simulate --read-backed: haplotypes copied from 8 founders, the sample left out of the
# panel), at the sizes phase-Extender's users were measured at: 7,600 panel rows (about 3,300
# read-backed sites) and 4, 16 and 32 times that, then 512 times (16 times the largest: 3.9M
# panel rows, 1.7M sites; phase-extender not run where it would take over 15 minutes).
# One process each (--threads 1, --nt 1), then --threads 2 against --nt 2 on the 32x case.
# Every text file of both is compared byte for byte; the blocks before and after and the
# switch errors against the simulation's truth come from m2h-extend --switch-errors.
# Writes OUT/extend.tsv (every run), OUT/extend.md (the tables) and OUT/extend.png.
#   bench/extend.sh [BIN_DIR] [OUT_DIR]        default: build/install/bin build/bench
# Environment: BENCH_EXTEND_SIZES ("1 4 16 32 512"), BENCH_EXTEND_REPEATS (5: m2h-extend's
# runs per case; phase-extender runs once), PHASE_EXTENDER (the venv's phase-extender;
# default build/readers/phase-extender/bin/phase-extender, made by `make readers`).
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
BIN=$(cd "${1:-build/install/bin}" && pwd)
OUT=$(mkdir -p "${2:-build/bench}" && cd "${2:-build/bench}" && pwd)
SIZES=${BENCH_EXTEND_SIZES:-1 4 16 32 512}
REPEATS=${BENCH_EXTEND_REPEATS:-5}
PE=${PHASE_EXTENDER:-$HERE/../build/readers/phase-extender/bin/phase-extender}
PE_MAX=32        # sizes phase-extender runs at (32x takes about 5.5 minutes)
PY=/usr/bin/python3
for c in gnuplot /usr/bin/time "$PE"; do
  command -v "$c" >/dev/null || { echo "bench: needs $c (make bench and make readers install them)" >&2; exit 1; }
done
export PATH="$BIN:$PATH" LC_ALL=C
WORK=$OUT/extend-work
rm -rf "$WORK" && mkdir -p "$WORK" && cd "$WORK"
TSV=$OUT/extend.tsv
printf 'size\tpanel_rows\tsites\trunner\tthreads\trun\twall_s\tmem_mib\tstatus\tsame\tblocks_before\tblocks_after\tswitch_errors\tpairs\n' > "$TSV"

# run SIZE ROWS SITES RUNNER THREADS REPEAT OUTDIR -- CMD...: one measured row (memory: the
# peak summed over the process tree, phase-extender's pool workers included)
run() {
  local size=$1 rows=$2 sites=$3 runner=$4 threads=$5 rep=$6 dir=$7 line
  shift 8
  rm -rf "$dir"
  line=$($PY "$HERE/measure.py" -- "$@")
  IFS=$'\t' read -r wall _cpu mem _rss _maxrss status <<< "$line"
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s' "$size" "$rows" "$sites" "$runner" "$threads" "$rep" "$wall" "$mem" "$status" >> "$TSV"
}
# finish SAME SCORE_FILE: the rest of the row: files the same as phase-extender's, and the
# blocks and switch errors (initial and extended rows of switch_errors_soi.txt)
finish() {
  local same=$1 score=$2
  if [ -f "$score" ]; then
    awk -F'\t' -v same="$same" 'NR == 2 { b = $2 } NR == 3 { printf "\t%s\t%s\t%s\t%s\t%s\n", same, b, $2, $4, $3 - $2 }' "$score" >> "$TSV"
  else
    printf '\t%s\t\t\t\t\n' "$same" >> "$TSV"
  fi
}
same_files() {  # same_files A B: every text file of A equal in B
  local f
  for f in "$1"/*.txt; do cmp -s "$f" "$2/$(basename "$f")" || { echo no; return; }; done
  echo yes
}

for size in $SIZES; do
  rows=$((7600 * size))
  m2h-simulate --read-backed --rows "$rows" --chroms 4 --samples 15 --seed "$size" \
    --panel panel.tsv --truth truth.tsv -o soi.tsv
  sites=$(awk -F'\t' 'NR > 1 && $5 != "."' soi.tsv | wc -l)
  echo "extend: ${size}x: $rows panel rows, $sites read-backed sites ($(($(stat -c %s panel.tsv) / 1000000)) MB of panel)" >&2
  args=(--input soi.tsv --SOI soi --refHap panel.tsv)
  pe_done=""
  if [ "$size" -le "$PE_MAX" ]; then
    echo "  phase-extender --nt 1" >&2
    run "$size" "$rows" "$sites" phase-extender 1 1 pe -- "$PE" "${args[@]}" --nt 1 --output pe
    pe_done=pe
    finish "" ""
  fi
  # the blocks and switch errors against the truth: scored once, apart from the timed runs
  m2h-extend "${args[@]}" --switch-errors truth.tsv --output scored 2> /dev/null
  echo "  m2h-extend x$REPEATS" >&2
  for rep in $(seq 1 "$REPEATS"); do
    run "$size" "$rows" "$sites" m2h-extend 1 "$rep" ours -- m2h-extend "${args[@]}" --threads 1 --output ours
    finish "$([ -n "$pe_done" ] && same_files pe ours || echo -)" scored/switch_errors_soi.txt
  done
  if [ "$size" -eq "$PE_MAX" ]; then
    echo "  phase-extender --nt 2, m2h-extend --threads 2" >&2
    run "$size" "$rows" "$sites" phase-extender 2 1 pe2 -- "$PE" "${args[@]}" --nt 2 --output pe2
    finish "" ""
    for rep in $(seq 1 "$REPEATS"); do
      run "$size" "$rows" "$sites" m2h-extend 2 "$rep" ours2 -- m2h-extend "${args[@]}" --threads 2 --output ours2
      finish "$(same_files pe2 ours2)" scored/switch_errors_soi.txt
    done
  fi
  rm -rf pe pe2 ours ours2 scored soi.tsv panel.tsv truth.tsv
done

$PY "$HERE/extend_table.py" "$TSV" --plot "$OUT/extend.dat" > "$OUT/extend.md"
gnuplot -e "dat='$OUT/extend.dat'; png='$OUT/extend.png'" "$HERE/extend.gp"
cat "$OUT/extend.md"
