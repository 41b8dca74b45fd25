# Genomes as they are, through the Nextflow pipeline with the default parameters: 50,000
# contigs of uneven size make one task per part (one part here, 9 with --part_size_mb 10),
# not 50,000 tasks; chromosomes past 2^29 and 2^31 bp get the CSI index the pipeline
# publishes, which bcftools reads by region. Outputs equal one m2h-transform's.
source "$(dirname "$0")/lib.sh"

m2h-simulate --rows 1000000 --chroms 50000 --uneven --chrom-prefix scaffold_ --seed 5 -o contigs.tsv
m2h-transform --format vcf --no-version -o whole.vcf contigs.tsv
for size in default 10; do
  args=(--input contigs.tsv --output "out/$size.vcf.gz")
  [ "$size" = default ] || args+=(--part_size_mb "$size")
  start=$SECONDS
  nf "$size.log" "${args[@]}" || fail "50,000 contigs ($size): $(tail -20 "$size.log")"
  bgzip -dc "out/$size.vcf.gz" | cmp -s - whole.vcf || fail "50,000 contigs ($size): output differs from the whole transform"
  [ -s "out/$size.vcf.gz.csi" ] || fail "no index"
  tasks=$(grep -c "Submitted process" "$size.log")
  parts=$(tail -n 1 "out/$size.summary.tsv" | cut -f2 | cut -d' ' -f1)
  echo "50,000 contigs, part size $size: $parts parts, $tasks tasks, $((SECONDS - start)) s"
  [ "$tasks" -eq $((parts + 3)) ] || fail "$tasks tasks for $parts parts (split, summary, merge and one per part)"
done
# 80 MB: one part of the default size, or two of 64 MB (the smallest) for 2 or more CPUs.
[ "$(tail -n 1 out/default.summary.tsv | cut -f2 | cut -d' ' -f1)" -le 2 ] || fail "at most two parts expected"
[ "$(tail -n 1 out/10.summary.tsv | cut -f2)" = "9 parts" ] || fail "9 parts of 10 MB expected: $(tail -n 1 out/10.summary.tsv)"

printf 'chr1H\t558535432\nchr2H\t768075024\nchrBig\t3000000010\n' > long.lengths
m2h-simulate --rows 40000 --lengths long.lengths --poly-rate 0.2 -o long.tsv
m2h-transform --format vcf --no-version -o long.vcf long.tsv
nf long.log --input long.tsv --output out/long.vcf.gz --part_size_mb 1 || fail "long chromosomes: $(tail -20 long.log)"
bgzip -dc out/long.vcf.gz | cmp -s - long.vcf || fail "long chromosomes: output differs from the whole transform"
[ -s out/long.vcf.gz.csi ] && [ ! -e out/long.vcf.gz.tbi ] || fail "long chromosomes: expected a CSI index: $(ls out)"
want=$(awk -F'\t' '$1 == "chrBig" && $2 > 2900000000' long.vcf | wc -l)
[ "$want" -gt 0 ] && [ "$(bcftools view -H -r chrBig:2900000001-3000000010 out/long.vcf.gz | wc -l)" -eq "$want" ] \
  || fail "region query past 2^31: $want records expected"
pass
