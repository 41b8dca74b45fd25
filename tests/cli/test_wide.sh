# A wide panel: 5,008 haplotype columns (2,504 samples, the size of the 1000 Genomes panel)
# with missing alleles, deletions and multi-allelic rows, through every format: the tables
# equal the reference implementation's, the VCF and BCF equal what bcftools reads back from
# each other, and the tool's own peak memory (--stats) stays under 16 MiB, with and without
# compression threads.
source "$(dirname "$0")/lib.sh"
REF="/usr/bin/python3 $M2H_SRC/tests/reference/transform_ref.py"
m2h-simulate --rows 1500 --chroms 2 --haplotypes 5008 --seed 8 --poly-rate 0.6 --missing-rate 0.05 \
  --deletion-rate 0.02 --multi-rate 0.3 -o wide.tsv
[ "$(head -n 1 wide.tsv | tr '\t' '\n' | wc -l)" -eq 5011 ] || fail "not 5,008 haplotype columns"

mem_ok() {  # mem_ok STATS WHAT: the tool's peak memory under 16 MiB (natively: see memory_limit)
  local limit
  limit=$(memory_limit)
  awk -F'\t' -v what="$2" -v limit=$limit 'NR == 2 { if ($6 >= limit) { print what ": " $6 " MiB" > "/dev/stderr"; exit 1 }
                                    printf "%s: %.1f MiB\n", what, $6 }' "$1" || fail "$2 above 16 MiB"
}
for fmt in seed hap refhap; do
  m2h-transform --format $fmt --stats s.$fmt -o out.$fmt wide.tsv
  $REF $fmt wide.tsv | cmp -s - out.$fmt || fail "$fmt differs from the reference"
  mem_ok s.$fmt "$fmt"
done
m2h-transform --format vcf --no-version --stats s.vcf -o out.vcf wide.tsv && mem_ok s.vcf vcf
for t in 0 2; do
  m2h-transform --format vcf --no-version --threads $t --stats s.vcfgz$t -o out$t.vcf.gz wide.tsv
  m2h-transform --format bcf --no-version --threads $t --stats s.bcf$t -o out$t.bcf wide.tsv
  mem_ok s.vcfgz$t "vcf.gz, --threads $t"
  mem_ok s.bcf$t "bcf, --threads $t"
  bcftools view --no-version out$t.vcf.gz | cmp -s - out.vcf || fail "vcf.gz (--threads $t) differs from the VCF"
  bcftools view --no-version out$t.bcf | cmp -s - out.vcf || fail "bcftools' reading of the BCF (--threads $t) differs from the VCF"
done
# Written in one pass (--contig-lengths: the header first) or spilled (the contigs learnt as
# the rows come; the records' finished blocks copied after the header): the same records,
# and well-formed BGZF, on 0 and 2 threads: one end-of-file block, at the end, and BCF
# records from a block of their own.
LAYOUT="/usr/bin/python3 $M2H_SRC/tests/cli/bgzf_layout.py"
awk -F'\t' 'NR > 1 && !($1 in len) { order[++n] = $1 } NR > 1 { len[$1] = $2 }
  END { for (i = 1; i <= n; i++) print order[i] "\t" len[order[i]] }' wide.tsv > lengths.tsv
for t in 0 2; do
  m2h-transform --format vcf --no-version --threads $t --contig-lengths lengths.tsv -o direct$t.vcf.gz wide.tsv
  m2h-transform --format bcf --no-version --threads $t --contig-lengths lengths.tsv -o direct$t.bcf wide.tsv
  for f in out$t.vcf.gz out$t.bcf direct$t.vcf.gz direct$t.bcf; do
    $LAYOUT $f $([[ $f = *.bcf ]] && echo --bcf) || fail "$f: BGZF layout"
    [ -z "$(bcftools view -H $f 2>&1 >/dev/null)" ] || fail "bcftools warns reading $f"
  done
  cmp -s <(bcftools view -H out$t.vcf.gz) <(bcftools view -H direct$t.vcf.gz) || fail "spilled and direct vcf.gz differ (--threads $t)"
  cmp -s <(bcftools view -H out$t.bcf) <(bcftools view -H direct$t.bcf) || fail "spilled and direct BCF differ (--threads $t)"
done
# The BCF records are byte for byte what htslib makes of the VCF text.
bcftools view --no-version -Ou out.vcf -o from_vcf.ubcf && bcftools view --no-version -Ou out0.bcf -o ours.ubcf
cmp -s from_vcf.ubcf ours.ubcf || fail "the BCF records differ from htslib's encoding of the VCF"
[ "$(grep -vc '^#' out.vcf)" -gt 800 ] || fail "few records: $(grep -vc '^#' out.vcf)"
# Pairs out of column order (a sheet, last sample first, haplotypes swapped) take another
# path through the transform: the same agreement.
{ printf 'sample\thap1\thap2\n'; for i in $(seq 2504 -1 2400); do printf 's%s\t%sb\t%sa\n' "$i" "$i" "$i"; done; } > sheet.tsv
m2h-transform --format vcf --no-version -s sheet.tsv -o sheet.vcf wide.tsv
m2h-transform --format bcf --no-version -s sheet.tsv -o sheet.bcf wide.tsv
bcftools view --no-version sheet.bcf | cmp -s - sheet.vcf || fail "a sheet's BCF differs from its VCF"
bcftools view --no-version -Ou sheet.vcf | cmp -s - <(bcftools view --no-version -Ou sheet.bcf) || fail "a sheet's BCF records differ from htslib's"
[ "$(bcftools query -l sheet.bcf | head -n 1)" = s2504 ] || fail "the sheet's order is lost"
pass
