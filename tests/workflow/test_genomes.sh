# Genomes as they are, through the Snakemake workflow with the default config: a scaffold
# assembly of 50,000 contigs of uneven size makes a bounded number of parts (here one, and
# 9 with part_size_mb: 10, contigs packed together in input order), not 50,000 jobs; a
# genome with chromosomes past 2^29 and 2^31 bp is indexed as CSI (the index the workflow
# declares), which bcftools reads by region. Outputs equal one m2h-transform's.
source "$(dirname "$0")/lib.sh"

m2h-simulate --rows 1000000 --chroms 50000 --uneven --chrom-prefix scaffold_ --seed 5 -o contigs.tsv
[ "$(tail -n +2 contigs.tsv | cut -f1 | uniq | wc -l)" -eq 50000 ] || fail "test setup: 50,000 contigs expected"
m2h-transform --format vcf --no-version -o whole.vcf contigs.tsv
for size in default 10; do
  kv=(input=contigs.tsv "output=out/$size.vcf.gz")
  [ "$size" = default ] || kv+=(part_size_mb="$size")
  write_config "$size.yaml" "${kv[@]}"
  start=$SECONDS
  wf "$size.log" --cores 2 --configfile "$size.yaml" || fail "50,000 contigs ($size): $(tail -20 "$size.log")"
  bgzip -dc "out/$size.vcf.gz" | cmp -s - whole.vcf || fail "50,000 contigs ($size): output differs from the whole transform"
  [ -s "out/$size.vcf.gz.csi" ] || fail "no index"
  parts=$(($(wc -l < "out/work/$size/manifest.tsv") - 1))
  jobs=$(grep -c "^Finished job" "$size.log" || true)
  echo "50,000 contigs, part size $size: $parts parts, $jobs jobs, $((SECONDS - start)) s"
  [ "$jobs" -le $((parts + 5)) ] || fail "$jobs jobs for $parts parts"
done
data=$(($(stat -c %s contigs.tsv) - $(head -n 1 contigs.tsv | wc -c)))
# 80 MB: one part of the default size, or two of 64 MB (the smallest) for 2 or more cores.
[ "$(($(wc -l < out/work/default/manifest.tsv) - 1))" -le 2 ] || fail "$data bytes should make at most two parts"
[ "$(($(wc -l < out/work/10/manifest.tsv) - 1))" -eq $(((data + 9999999) / 10000000)) ] \
  || fail "$data bytes in parts of 10 MB: $(cat out/work/10/manifest.tsv)"
grep -qP '^2\tscaffold_[0-9]+\.\.scaffold_[0-9]+\t' out/10.summary.tsv || fail "part 2 should pack several contigs: $(head -3 out/10.summary.tsv)"

# Long chromosomes, cut into parts of 1 MB: positions past 2^29 and 2^31.
printf 'chr1H\t558535432\nchr2H\t768075024\nchrBig\t3000000010\n' > long.lengths
m2h-simulate --rows 40000 --lengths long.lengths --poly-rate 0.2 -o long.tsv
m2h-transform --format vcf --no-version -o long.vcf long.tsv
write_config long.yaml input=long.tsv output=out/long.vcf.gz part_size_mb=1
wf long.log --cores 2 --configfile long.yaml || fail "long chromosomes: $(tail -20 long.log)"
bgzip -dc out/long.vcf.gz | cmp -s - long.vcf || fail "long chromosomes: output differs from the whole transform"
[ -s out/long.vcf.gz.csi ] && [ ! -e out/long.vcf.gz.tbi ] || fail "long chromosomes: expected a CSI index: $(ls out)"
want=$(awk -F'\t' '$1 == "chrBig" && $2 > 2900000000' long.vcf | wc -l)
[ "$want" -gt 0 ] && [ "$(bcftools view -H -r chrBig:2900000001-3000000010 out/long.vcf.gz | wc -l)" -eq "$want" ] \
  || fail "region query past 2^31: $want records expected"
# index: tbi cannot hold them: the merge fails, naming the limit, and leaves no output.
write_config tbi.yaml input=long.tsv output=out/tbi.vcf.gz part_size_mb=1 index=tbi
wf tbi.log --cores 2 --configfile tbi.yaml && fail "a TBI index past 2^29 was accepted"
grep -q "below 536870912 for a TBI index" out/logs/tbi/merge.log || fail "merge log: $(cat out/logs/tbi/merge.log)"
absent out/tbi.vcf.gz out/tbi.vcf.gz.tbi
pass
