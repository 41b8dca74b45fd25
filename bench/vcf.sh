#!/usr/bin/env bash
# `make bench` (BENCH_PARTS=vcf): a read-backed phased VCF into phase-Extender's haplotype
# table, by m2h-transform, by bcftools query writing the same cells, and by VCF-Simplify (the
# converter phase-Extender's successor documents), on 1M records x 16 samples, each sample cut
# into read-backed blocks (m2h-simulate --read-backed). VCF-Simplify reads phASER's PI/PG
# (`SimplifyVCF -toType haplotype -GTbase PG:iupac`); bcftools query reads GT and PS (the
# same VCF rewritten by m2h-transform --format vcf). VCF-Simplify is not ours to keep: give
# a checkout of its repository (VCF_SIMPLIFY=DIR; without one its row is left out).
# Writes OUT/vcf.tsv (every run) and OUT/vcf.md.
#   bench/vcf.sh [BIN_DIR] [OUT_DIR]        default: build/install/bin build/bench
# Environment: BENCH_VCF_RECORDS (1000000), BENCH_VCF_REPEATS (5; VCF-Simplify runs once).
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
BIN=$(cd "${1:-build/install/bin}" && pwd)
OUT=$(mkdir -p "${2:-build/bench}" && cd "${2:-build/bench}" && pwd)
RECORDS=${BENCH_VCF_RECORDS:-1000000}
REPEATS=${BENCH_VCF_REPEATS:-5}
VS=${VCF_SIMPLIFY:-}
PY=/usr/bin/python3
for c in bcftools bgzip /usr/bin/time; do
  command -v "$c" >/dev/null || { echo "bench: needs $c (make bench installs it as root)" >&2; exit 1; }
done
export PATH="$BIN:$PATH" LC_ALL=C
WORK=$OUT/vcf-work
rm -rf "$WORK" && mkdir -p "$WORK" && cd "$WORK"
TSV=$OUT/vcf.tsv
printf 'input\trecords\tsamples\trunner\trun\twall_s\tmem_mib\tstatus\n' > "$TSV"
run() {  # run INPUT RUNNER REPEAT -- CMD...
  local input=$1 runner=$2 rep=$3 line
  shift 4
  line=$($PY "$HERE/measure.py" -- "$@")
  IFS=$'\t' read -r wall _cpu mem _rss _maxrss status <<< "$line"
  printf '%s\t%s\t16\t%s\t%s\t%s\t%s\t%s\n' "$input" "$RECORDS" "$runner" "$rep" "$wall" "$mem" "$status" >> "$TSV"
}

# phASER's encoding of 16 read-backed samples: GT unphased, the block in PI, the phase in PG
m2h-simulate --read-backed --rows "$RECORDS" --chroms 4 --samples 15 --read-backed-samples 15 --seed 9 -o rb.tsv
awk -F'\t' 'BEGIN { OFS = "\t" }
  NR == 1 {
    print "##fileformat=VCFv4.2"
    print "##FORMAT=<ID=GT,Number=1,Type=String,Description=\"Genotype\">"
    print "##FORMAT=<ID=PI,Number=1,Type=String,Description=\"phASER block\">"
    print "##FORMAT=<ID=PG,Number=1,Type=String,Description=\"phASER phased genotype\">"
    for (c = 1; c <= 4; c++) print "##contig=<ID=chr" c ">"
    h = "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT"
    for (i = 5; i <= NF; i += 2) { s = $i; sub(/:PI$/, "", s); h = h "\t" s }
    print h; next }
  { n = split($4, al, ","); alt = al[2]; for (k = 3; k <= n; k++) alt = alt "," al[k]
    line = $1 "\t" $2 "\t.\t" $3 "\t" alt "\t.\t.\t.\tGT:PI:PG"
    for (i = 5; i <= NF; i += 2) {
      if ($i == ".") { line = line "\t./.:.:."; continue }
      split($(i + 1), g, "|"); x = y = -1
      for (k = 1; k <= n; k++) { if (al[k] == g[1] && x < 0) x = k - 1; if (al[k] == g[2] && y < 0) y = k - 1 }
      lo = x < y ? x : y; hi = x < y ? y : x
      line = line "\t" lo "/" hi ":" $i ":" x "|" y }
    print line }' rb.tsv > phaser.vcf
bgzip -c phaser.vcf > phaser.vcf.gz
m2h-transform --format vcf --no-version -o ps.vcf.gz phaser.vcf.gz   # the same phasing as GT|, PS
echo "vcf: $RECORDS records x 16 samples ($(($(stat -c %s phaser.vcf) / 1000000)) MB of VCF)" >&2
for rep in $(seq 1 "$REPEATS"); do
  run phaser.vcf m2h-transform "$rep" -- m2h-transform --format hap -o ours.tsv phaser.vcf
  run phaser.vcf.gz m2h-transform "$rep" -- m2h-transform --format hap -o ours_gz.tsv phaser.vcf.gz
  run ps.vcf.gz m2h-transform "$rep" -- m2h-transform --format hap -o ours_ps.tsv ps.vcf.gz
  run ps.vcf.gz "bcftools query" "$rep" -- bcftools query -f '%CHROM\t%POS\t%REF\t%REF,%ALT[\t%PS\t%TGT]\n' -o theirs.tsv ps.vcf.gz
done
cmp -s ours.tsv ours_gz.tsv && cmp -s ours.tsv ours_ps.tsv || { echo "bench: the two encodings gave other tables" >&2; exit 2; }
if [ -n "$VS" ]; then
  echo "  VCF-Simplify (once)" >&2
  run phaser.vcf VCF-Simplify 1 -- python3 "$VS/VcfSimplify.py" SimplifyVCF -toType haplotype -inVCF phaser.vcf \
    -outFile vs.tsv -GTbase PG:iupac
  # the same cells: VCF-Simplify names columns otherwise (RefAndAlts, PGal)
  cmp -s <(tail -n +2 ours.tsv | cut -f1,2,4-) <(tail -n +2 vs.tsv) || echo "bench: VCF-Simplify's cells differ from ours (kept)" >&2
fi
$PY - "$TSV" > "$OUT/vcf.md" <<'EOF'
import csv, statistics, sys
rows = [r for r in csv.DictReader(open(sys.argv[1]), delimiter="\t") if r["status"] == "ok"]
by = {}
for r in rows:
    by.setdefault((r["runner"], r["input"]), []).append(r)
med = {k: statistics.median(float(r["wall_s"]) for r in rs) for k, rs in by.items()}
# each converter against m2h-transform reading the same file
print("| converter | input | records | wall s (median) | peak MiB | x m2h-transform, same input |")
print("|---|---|--:|--:|--:|--:|")
for (runner, inp), rs in sorted(by.items(), key=lambda kv: (kv[0][1], kv[0][0] != "m2h-transform", kv[0][0])):
    w = med[(runner, inp)]
    m = max(float(r["mem_mib"]) for r in rs)
    ours = med.get(("m2h-transform", inp))
    ratio = f"{w / ours:.1f}" if ours else ""
    print(f"| {runner} | {inp} | {int(rs[0]['records']):,} | {w:.2f} | {m:.1f} | {ratio} |")
EOF
cat "$OUT/vcf.md"
