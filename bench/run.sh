#!/usr/bin/env bash
# `make bench`: matrix2hap against its peers, side by side in one run on the same files.
# For each size (BENCH_ROWS) and input (plain text, BGZF) it times:
#   floor    reading the input at all: cat > /dev/null and wc -l (plain), bgzip -@2 -d (BGZF);
#            and copying it: cat > FILE (in the kernel: cat uses copy_file_range), dd bs=256k >
#            FILE (through user space, as any tool that looks at the bytes must), bgzip -@2 -dc
#            > FILE (BGZF)
#   ours     m2h-split (copy; --ranges), m2h-merge, m2h-transform, and the Snakemake
#            workflow end to end (scatter copy and ranges, 2 cores)
#   peers    bench/peers/seed.awk (one-pass mawk) and bench/peers/pandas_seed.py (the usual
#            pandas + multiprocessing.Pool(3) script), both checked to give our output
# with wall, CPU, and peak memory summed over the process tree (bench/measure.py), and
# writes OUT/bench.tsv, OUT/bench.png and OUT/bench.md (the README table).
#   bench/run.sh [BIN_DIR] [OUT_DIR]        default: build/install/bin build/bench
# Environment: BENCH_ROWS (default "4000000 40000000"); BENCH_PANDAS_MEM_MIB (16384) and
# BENCH_PANDAS_TIME_S (1800) stop the pandas peer before it takes the machine down.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
SRC=$(dirname "$HERE")
BIN=$(cd "${1:-build/install/bin}" && pwd)
OUT=$(mkdir -p "${2:-build/bench}" && cd "${2:-build/bench}" && pwd)
ROWS=${BENCH_ROWS:-4000000 40000000}
PANDAS_CAP=(--mem-cap "${BENCH_PANDAS_MEM_MIB:-16384}" --time-cap "${BENCH_PANDAS_TIME_S:-1800}")
PY=/usr/bin/python3
for c in mawk bgzip snakemake gnuplot /usr/bin/time; do
  command -v "$c" >/dev/null || { echo "bench: needs $c (make bench installs it as root)" >&2; exit 1; }
done
$PY -c 'import pandas' 2>/dev/null || { echo "bench: needs python3-pandas" >&2; exit 1; }
export PATH="$BIN:$SRC/workflow/bin:$PATH" LC_ALL=C
WORK=$OUT/work
rm -rf "$WORK" && mkdir -p "$WORK" && cd "$WORK"
TSV=$OUT/bench.tsv
printf 'rows\tinput\tMB\ttool\twall_s\tcpu_s\tmem_mib\trss_sum_mib\tmax_rss_mib\tstatus\tMB_per_s\tx_floor\tx_m2h_transform\n' > "$TSV"

# run TOOL [measure options] -- CMD...: one measured row (fields completed by finish_rows).
run() {
  local tool=$1 line
  shift
  echo "  $tool" >&2
  line=$($PY "$HERE/measure.py" "$@")
  printf '%s\t%s\t%s\t%s\t%s\n' "$rows" "$input" "$mb" "$tool" "$line" >> "$TSV.part"
}

# verify NAME FILE: FILE holds the seed table m2h-transform wrote (else the row is marked).
verify() {
  cmp -s "$2" ours.seed && return
  sed -i "\$s/\tok\$/\twrong output/" "$TSV.part"
  echo "bench: $1 output differs from m2h-transform's" >&2
}

workflow() {  # workflow TOOL SCATTER MATRIX: the Snakemake workflow end to end, seed output
  printf 'input: "%s"\nformat: "seed"\noutput: "wf/out.tsv"\nscatter: "%s"\n' "$3" "$2" > wf.yaml
  rm -rf wf .snakemake
  run "$1" --stdout wf.log -- snakemake -s "$SRC/workflow/Snakefile" --cores 2 --configfile wf.yaml --quiet
  verify "$1" wf/out.tsv
}

bench_plain() {
  local m=m.tsv
  run cat -- cat "$m"
  run "wc -l" -- wc -l "$m"
  run "cat > file" --stdout copy.tsv -- cat "$m"
  rm -f copy.tsv && sync
  run "dd > file" --stdout copy.tsv -- dd if="$m" bs=256k status=none
  rm -f copy.tsv && sync
  run m2h-transform --stdout ours.seed -- m2h-transform --samples auto "$m"
  sync && run "m2h-split" -- m2h-split -o parts "$m"
  run "m2h-split --ranges" -- m2h-split --ranges -o ranges "$m"
  sync && run m2h-merge -- m2h-merge --manifest parts/manifest.tsv -o merged.tsv
  cmp -s merged.tsv "$m" || { echo "bench: split + merge is not the input" >&2; exit 1; }
  rm -rf parts merged.tsv ranges
  workflow "workflow (copy)" copy "$m"
  workflow "workflow (ranges)" ranges "$m"
  run mawk --stdout peer.seed -- mawk -f "$HERE/peers/seed.awk" "$m"
  verify mawk peer.seed
  run pandas "${PANDAS_CAP[@]}" -- $PY "$HERE/peers/pandas_seed.py" "$m" peer.seed
  [ ! -s peer.seed ] || verify pandas peer.seed
  rm -f peer.seed
}

bench_bgzf() {
  local m=m.tsv.gz
  run "bgzip -@2 -d" -- bgzip -@2 -dc "$m"
  run "bgzip -@2 -d > file" --stdout copy.tsv -- bgzip -@2 -dc "$m"
  rm -f copy.tsv && sync
  run m2h-transform --stdout ours.seed -- m2h-transform --threads 2 --samples auto "$m"
  sync && run "m2h-split" -- m2h-split --threads 2 -o parts "$m"
  run "m2h-split --ranges" -- m2h-split --ranges -o ranges "$m"
  rm -rf parts ranges
  workflow "workflow (copy)" copy "$m"
  workflow "workflow (ranges)" ranges "$m"
  run mawk --stdout peer.seed -- sh -c 'bgzip -dc "$1" | mawk -f "$2"' sh "$m" "$HERE/peers/seed.awk"
  verify mawk peer.seed
  run pandas "${PANDAS_CAP[@]}" -- $PY "$HERE/peers/pandas_seed.py" "$m" peer.seed
  [ ! -s peer.seed ] || verify pandas peer.seed
  rm -f peer.seed
}

# Ratios: to the floor of the same input, and to m2h-transform. The floor is reading the
# input (first row of the group), or for the tools that write all of it (split, merge)
# copying it through user space (the last "> file" row: dd, or bgzip for BGZF).
finish_rows() {
  awk -F'\t' -v OFS='\t' '
    { n++; line[n] = $0; wall[n] = $5; tool[n] = $4; mb = $3 }
    tool[n] == "m2h-transform" { ours = $5 }
    tool[n] ~ /> file$/ { copy = $5 }
    END {
      for (i = 1; i <= n; i++) {
        split(line[i], f, "\t")
        ok = f[10] == "ok"
        floor = tool[i] ~ /^m2h-(split|merge)$/ ? copy : wall[1]
        rate = ok && wall[i] > 0 ? sprintf("%.0f", mb / wall[i]) : "NA"
        xf = ok && floor > 0 ? sprintf("%.2f", wall[i] / floor) : "NA"
        xm = ok && ours > 0 ? sprintf("%.1f", wall[i] / ours) : "NA"
        print line[i], rate, xf, xm
      }
    }' "$TSV.part" >> "$TSV"
  rm -f "$TSV.part"
}

for rows in $ROWS; do
  echo "bench: $rows rows" >&2
  m2h-simulate --rows "$rows" --chroms 8 -o m.tsv
  bgzip -@2 -c m.tsv > m.tsv.gz
  for input in plain bgzf; do
    f=m.tsv; [ "$input" = bgzf ] && f=m.tsv.gz
    mb=$(( $(stat -c %s m.tsv) / 1000000 ))  # the matrix's text size, whatever the input
    cat "$f" > /dev/null  # the same warm page cache for everyone
    "bench_$input"
    finish_rows
  done
  rm -f m.tsv m.tsv.gz ours.seed
done
cd "$OUT" && rm -rf "$WORK"
$PY "$HERE/table.py" "$TSV" > "$OUT/bench.md"
groups=$($PY "$HERE/table.py" "$TSV" --plot "$OUT/plot.dat")
gnuplot -e "dat='$OUT/plot.dat'; groups=$groups; png='$OUT/bench.png'" "$HERE/plot.gp"
echo "bench: $TSV, $OUT/bench.md, $OUT/bench.png" >&2
