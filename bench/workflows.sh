#!/usr/bin/env bash
# `make bench`, second part: the parallel workflows against one m2h-transform over the same
# file, side by side: Snakemake and Nextflow, scatter ranges (the default for a plain file)
# and copy, with the default config (split_by size, part_size_mb 1000), format seed, plain
# .tsv output (BENCH_WF_OUTPUTS="tsv tsv.gz" adds BGZF output), 2 cores, page cache warm.
# Genome shapes:
#   equal     14 chromosomes of the same size (the 14 GB case of the speed issue)
#   unequal   the 24 chromosomes of GRCh38 in proportion to their lengths
#             (bench/genomes/grch38.lengths), the biggest 5x the smallest
#   contigs   a scaffold assembly: 50,000 contigs, rows in proportion to 1/c
# The single tool gets the same 2 cores (--threads 2: it compresses BGZF output on 2 threads).
# Each run's output is compared with the single tool's. Each repeat runs every runner once,
# in turn (side by side). Wall time is the median of BENCH_WF_REPEATS runs; per-step times
# (split, the transforms' longest and summed wall, merge) and the largest job's peak
# memory come from the engines' own records (Snakemake's benchmark files, Nextflow's trace).
#   bench/workflows.sh [BIN_DIR] [OUT_DIR]      default: build/install/bin build/bench
# Environment: BENCH_WF_ROWS (rows of each matrix; default 20000000, 1.5 GB; the 14 GB
# case: 190000000), BENCH_WF_REPEATS (3), BENCH_WF_SHAPES ("equal unequal contigs"),
# BENCH_WF_OUTPUTS ("tsv").
# Writes OUT/workflows.tsv, OUT/workflows.md (the README table) and OUT/workflows.png.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
SRC=$(dirname "$HERE")
BIN=$(cd "${1:-build/install/bin}" && pwd)
OUT=$(mkdir -p "${2:-build/bench}" && cd "${2:-build/bench}" && pwd)
ROWS=${BENCH_WF_ROWS:-20000000}
REPEATS=${BENCH_WF_REPEATS:-3}
SHAPES=${BENCH_WF_SHAPES:-equal unequal contigs}
OUTPUTS=${BENCH_WF_OUTPUTS:-tsv}
NEXTFLOW=${NEXTFLOW:-nextflow}
PY=/usr/bin/python3
for c in snakemake "$NEXTFLOW" gnuplot bc bgzip /usr/bin/time; do
  command -v "$c" >/dev/null || { echo "bench: needs $c (make bench installs it)" >&2; exit 1; }
done
export PATH="$BIN:$PATH" LC_ALL=C NXF_OFFLINE=true NXF_ANSI_LOG=false
WORK=$OUT/wf-work
rm -rf "$WORK" && mkdir -p "$WORK" && cd "$WORK"
TSV=$OUT/workflows.tsv
printf 'shape\toutput\tMB\tparts\trunner\trun\twall_s\tsplit_s\ttransform_max_s\ttransform_sum_s\tmerge_s\tjob_max_rss_mib\tstatus\n' > "$TSV"

settle() { rm -rf out work .snakemake .nextflow* wf.yaml; sync; cat m.tsv > /dev/null; }

# record RUNNER RUN WALL STEPS...: one line of the TSV.
record() { printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$shape" "$ext" "$mb" "$parts" "$1" "$2" "$(IFS=$'\t'; echo "${*:3}")" >> "$TSV"; }

wall() {  # wall CMD...: seconds the command took (it must succeed)
  local t0 t1
  t0=$(date +%s.%N)
  "$@" > run.log 2>&1 || { tail -20 run.log >&2; return 1; }
  t1=$(date +%s.%N)
  echo "$t1 - $t0" | bc
}

# Snakemake's benchmark files: split, transforms (max, sum), merge, the largest max_rss.
snakemake_steps() {
  local b=out/benchmarks/out
  awk -F'\t' 'FNR == 2 {
      f = FILENAME; s = $1 + 0; r = $3 + 0; if (r > rss) rss = r
      if (f ~ /\/transform\//) { if (s > tmax) tmax = s; tsum += s }
      else if (f ~ /\/split.tsv$/) sp = s
      else if (f ~ /\/merge.tsv$/) mg = s
    } END { printf "%.2f\t%.2f\t%.2f\t%.2f\t%.1f", sp, tmax, tsum, mg, rss }' \
    "$b/split.tsv" "$b/merge.tsv" "$b"/transform/*.tsv
}

# Nextflow's trace (raw: ms and bytes): the same figures.
nextflow_steps() {
  awk -F'\t' 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
    { s = $c["realtime"] / 1000; r = $c["peak_rss"] / 1048576; if (r > rss) rss = r
      p = $c["process"]
      if (p == "M2H_TRANSFORM") { if (s > tmax) tmax = s; tsum += s }
      else if (p == "M2H_SPLIT") sp = s
      else if (p == "M2H_MERGE") mg = s
    } END { printf "%.2f\t%.2f\t%.2f\t%.2f\t%.1f", sp, tmax, tsum, mg, rss }' out/pipeline_info/trace_*.txt
}

# check RUNNER: its output is the single tool's (decompressed: BGZF blocks end at part
# boundaries in the merged file, so the compressed bytes differ).
check() {
  local same
  case $ext in
    *.gz) cmp -s <(bgzip -dc "out/out.$ext") <(bgzip -dc "single.$ext") && same=1 ;;
    *) cmp -s "out/out.$ext" "single.$ext" && same=1 ;;
  esac
  [ -n "${same:-}" ] && echo ok || { echo "bench: $1 output differs from m2h-transform's" >&2; echo "wrong output"; }
}

run_snakemake() {  # run_snakemake RUNNER SCATTER RUN
  local w
  settle
  printf 'input: "m.tsv"\nformat: "seed"\noutput: "out/out.%s"\nscatter: "%s"\n' "$ext" "$2" > wf.yaml
  w=$(wall snakemake -s "$SRC/workflow/Snakefile" --cores 2 --configfile wf.yaml --quiet)
  parts=$(tail -n 1 out/out.summary.tsv | cut -f2 | cut -d' ' -f1)
  record "$1" "$3" "$w" "$(snakemake_steps)" "$(check "$1")"
}

run_nextflow() {  # run_nextflow RUNNER SCATTER RUN
  local w
  settle
  printf 'trace.raw = true\n' > raw.config
  w=$(wall "$NEXTFLOW" run "$SRC/workflow/main.nf" -c raw.config --input m.tsv --format seed \
    --output "out/out.$ext" --scatter "$2")
  parts=$(tail -n 1 out/out.summary.tsv | cut -f2 | cut -d' ' -f1)
  record "$1" "$3" "$w" "$(nextflow_steps)" "$(check "$1")"
}

for shape in $SHAPES; do
  echo "bench: workflows, $shape chromosomes, $ROWS rows" >&2
  case $shape in
    equal) m2h-simulate --rows "$ROWS" --chroms 14 --poly-rate 0.12 --seed 7 -o m.tsv ;;
    unequal) m2h-simulate --rows "$ROWS" --lengths "$HERE/genomes/grch38.lengths" --poly-rate 0.12 --seed 7 -o m.tsv ;;
    contigs) m2h-simulate --rows "$ROWS" --chroms 50000 --uneven --chrom-prefix scaffold_ --poly-rate 0.12 --seed 7 -o m.tsv ;;
    *) echo "bench: unknown shape '$shape'" >&2; exit 1 ;;
  esac
  mb=$(( $(stat -c %s m.tsv) / 1000000 ))
  for ext in $OUTPUTS; do
    # Side by side: each repeat runs every runner once, so that a slow spell of the machine
    # touches them alike.
    for r in $(seq 1 "$REPEATS"); do
      echo "  $shape, .$ext: run $r" >&2
      parts=1
      settle
      /usr/bin/time -f '%e %M' -o single.time m2h-transform --threads 2 -o "single.$ext" m.tsv
      read -r w rss < single.time
      record "m2h-transform" "$r" "$w" - "$w" "$w" - "$(echo "scale=1; $rss / 1024" | bc)" ok
      run_snakemake "snakemake (ranges)" ranges "$r"
      run_snakemake "snakemake (copy)" copy "$r"
      run_nextflow "nextflow (ranges)" ranges "$r"
      run_nextflow "nextflow (copy)" copy "$r"
    done
    rm -f "single.$ext"
  done
  rm -f m.tsv
done
cd "$OUT" && rm -rf "$WORK"
$PY "$HERE/workflows_table.py" "$TSV" "$OUT/workflows.dat" > "$OUT/workflows.md"
gnuplot -e "dat='$OUT/workflows.dat'; png='$OUT/workflows.png'" "$HERE/workflows.gp"
cat "$OUT/workflows.md"
echo "bench: $TSV, $OUT/workflows.md, $OUT/workflows.png" >&2
