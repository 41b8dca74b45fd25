#!/usr/bin/env bash
# `make bench` (BENCH_PARTS=pipeline): the whole pipeline, read-backed phased VCF in, extended
# phased VCF out, against what a phase-Extender user runs today on the same 2 cores: the VCF
# converted once into phase-extender's table (m2h-transform --format hap, the fastest
# converter there is: VCF-Simplify takes 55x longer, bench/vcf.sh), then phase-extender 0.1.8
# once per sample of interest, one after the other, each with --nt 2 (its pool over contigs).
# The input: m2h-simulate --read-backed, SOI samples cut into read-backed blocks and a
# 15-sample refhap panel (haplotypes copied from 8 founders). The workflows (Snakemake, then
# Nextflow; --cores 2, extend_samples all, the panel as extend_refhap) also transform the
# VCF in parts, merge them and write the extended VCF; their NAME.extended/<sample>/ files
# are compared with phase-extender's, byte for byte. Wall time: the workflows' median of
# BENCH_PIPELINE_REPEATS runs, the users' way once (it takes minutes); memory: the peak
# summed over the process tree (measure.py).
#   bench/pipeline.sh [BIN_DIR] [OUT_DIR]        default: build/install/bin build/bench
# Environment: BENCH_PIPELINE_ROWS (100000 sites), BENCH_PIPELINE_SOI (8 samples of
# interest), BENCH_PIPELINE_REPEATS (3), PHASE_EXTENDER (default
# build/readers/phase-extender/bin/phase-extender, made by `make readers`), NEXTFLOW.
# Writes OUT/pipeline.tsv (every run) and OUT/pipeline.md (the table).
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
SRC=$(dirname "$HERE")
BIN=$(cd "${1:-build/install/bin}" && pwd)
OUT=$(mkdir -p "${2:-build/bench}" && cd "${2:-build/bench}" && pwd)
ROWS=${BENCH_PIPELINE_ROWS:-100000}
SOI=${BENCH_PIPELINE_SOI:-8}
REPEATS=${BENCH_PIPELINE_REPEATS:-3}
PE=${PHASE_EXTENDER:-$SRC/build/readers/phase-extender/bin/phase-extender}
NEXTFLOW=${NEXTFLOW:-nextflow}
PY=/usr/bin/python3
for c in snakemake "$NEXTFLOW" /usr/bin/time "$PE"; do
  command -v "$c" >/dev/null || { echo "bench: needs $c (make bench and make readers install them)" >&2; exit 1; }
done
export PATH="$BIN:$PATH" LC_ALL=C NXF_OFFLINE=true NXF_ANSI_LOG=false
WORK=$OUT/pipeline-work
rm -rf "$WORK" && mkdir -p "$WORK" && cd "$WORK"
TSV=$OUT/pipeline.tsv
printf 'sites\tsamples\trunner\trun\twall_s\tmem_mib\tstatus\tsame\n' > "$TSV"

m2h-simulate --read-backed --rows "$ROWS" --chroms 4 --samples $((SOI + 14)) --read-backed-samples $((SOI - 1)) \
  --seed 7 --panel panel.tsv -o phased.vcf.gz
samples=$(bcftools query -l phased.vcf.gz 2>/dev/null || zcat phased.vcf.gz | sed -n 's/^#CHROM\t\([^\t]*\t\)\{8\}//p' | tr '\t' '\n')
[ "$(echo "$samples" | wc -l)" -eq "$SOI" ] || { echo "bench: expected $SOI samples in the VCF: $samples" >&2; exit 1; }
echo "pipeline: $ROWS sites, $SOI samples of interest, a 15-sample panel ($(($(stat -c %s phased.vcf.gz) / 1000)) kB of VCF)" >&2

# measured RUNNER RUN SAME -- CMD...: one row (the command must succeed)
measured() {
  local runner=$1 rep=$2 same=$3 line wall mem status
  shift 4
  line=$($PY "$HERE/measure.py" --stdout run.out -- bash -c 'exec "$@" 2>> run.log' _ "$@")
  IFS=$'\t' read -r wall _cpu mem _rss _maxrss status <<< "$line"
  [ "$status" = ok ] || { tail -20 run.out run.log >&2; echo "bench: $runner run $rep: $status" >&2; exit 1; }
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$ROWS" "$SOI" "$runner" "$rep" "$wall" "$mem" "$status" "$same" >> "$TSV"
}
# same_as_pe DIR: every sample's files in DIR/<sample>/ equal phase-extender's
same_as_pe() {
  local s f
  for s in $samples; do
    for f in pe/"$s"/*.txt; do cmp -s "$f" "$1/$s/$(basename "$f")" || { echo no; return; }; done
  done
  echo yes
}

# What users run today: convert once, then phase-extender per sample.
cat > users.sh <<EOF
set -euo pipefail
m2h-transform --format hap -o table.tsv phased.vcf.gz
for s in $(echo $samples); do
  "$PE" --input table.tsv --SOI "\$s" --refHap panel.tsv --nt 2 --output "pe/\$s" > "pe.\$s.log" 2>&1
done
EOF
echo "  convert + phase-extender x$SOI (once)" >&2
rm -rf pe && mkdir pe
measured "convert + phase-extender 0.1.8 per sample" 1 - -- bash users.sh

printf 'input: phased.vcf.gz\noutput: out/t.vcf.gz\nformat: vcf\nextend_samples: all\nextend_refhap: panel.tsv\n' > wf.yaml
for rep in $(seq 1 "$REPEATS"); do
  echo "  Snakemake, Nextflow: run $rep of $REPEATS" >&2
  rm -rf out .snakemake
  measured "Snakemake workflow" "$rep" - -- snakemake -s "$SRC/workflow/Snakefile" --cores 2 --configfile wf.yaml
  sed -i "\$s/-\$/$(same_as_pe out/t.extended)/" "$TSV"
  rm -rf nf work .nextflow*
  measured "Nextflow pipeline" "$rep" - -- "$NEXTFLOW" -q run "$SRC/workflow/main.nf" --input phased.vcf.gz --output nf/t.vcf.gz \
    --format vcf --extend_samples all --extend_refhap panel.tsv
  sed -i "\$s/-\$/$(same_as_pe nf/t.extended)/" "$TSV"
done

$PY - "$TSV" > "$OUT/pipeline.md" <<'PY'
import csv, statistics, sys
rows = list(csv.DictReader(open(sys.argv[1]), delimiter="\t"))
runners = list(dict.fromkeys(r["runner"] for r in rows))
base = statistics.median(float(r["wall_s"]) for r in rows if r["runner"] == runners[0])
first = rows[0]
print(f"{int(first['sites']):,} sites, {first['samples']} samples of interest extended, a 15-sample panel; 2 cores.\n")
print("| runner | runs | wall s (median) | peak MiB | x faster | files as phase-extender's |")
print("|---|--:|--:|--:|--:|---|")
for name in runners:
    mine = [r for r in rows if r["runner"] == name]
    wall = statistics.median(float(r["wall_s"]) for r in mine)
    mem = max(float(r["mem_mib"]) for r in mine)
    same = {r["same"] for r in mine} - {"-"}
    print(f"| {name} | {len(mine)} | {wall:.1f} | {mem:.0f} | {base / wall:.0f} | {', '.join(sorted(same)) or '(reference)'} |")
PY
cat "$OUT/pipeline.md"
