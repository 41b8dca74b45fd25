# Real data nobody here wrote: matrices derived from two public phased VCFs go through
# m2h-transform --format vcf/bcf and every phased SNP genotype comes back identical
# (read back with bcftools, compared as allele letters).
source "$(dirname "$0")/lib.sh"
command -v bcftools >/dev/null || fail "bcftools is required (apt-get install bcftools)"

# derive VCF TAG: writes matrix.tsv, samples.tsv and expected.tsv (CHROM POS sample A|B per phased genotype)
derive() {
  local vcf=$1 tag=$2
  bcftools view -V indels,mnps,other "$vcf" 2>/dev/null > snps.vcf
  bcftools query -l snps.vcf > names.txt
  { printf 'CHROM\tPOS\tREF'; while read -r s; do printf '\t%s.1\t%s.2' "$s" "$s"; done < names.txt; echo; } > matrix.tsv
  { printf 'sample\thap1\thap2\n'; while read -r s; do printf '%s\t%s.1\t%s.2\n' "$s" "$s" "$s"; done < names.txt; } > samples.tsv
  bcftools query -f "%CHROM\t%POS\t%REF\t%ALT[\t%$tag]\n" snps.vcf 2>/dev/null |
    awk -F'\t' -v names="$(paste -sd, names.txt)" -v OFS='\t' '
      BEGIN { ns = split(names, name, ",") }
      length($3) == 1 && $4 ~ /^([ACGT](,[ACGT])*|\.)$/ {  # SNPs (and REF-only sites)
        n = split($3 "," $4, al, ","); row = $1 OFS $2 OFS $3
        for (i = 1; i <= ns; i++) {
          g = $(4 + i)
          if (g ~ /^[0-9]+\|[0-9]+$/) {
            split(g, h, "|"); a = al[h[1] + 1]; b = al[h[2] + 1]
            print $1, $2, name[i], a "|" b > "expected.tsv"
          } else { a = "N"; b = "N" }
          row = row OFS a OFS b
        }
        print row
      }' >> matrix.tsv
}

check() {  # check OUTPUT: every expected phased genotype is in OUTPUT, nothing else is phased there
  bcftools query -f '%CHROM\t%POS[\t%SAMPLE=%TGT]\n' "$1" |
    awk -F'\t' -v OFS='\t' '{ for (i = 3; i <= NF; i++) { split($i, kv, "="); if (kv[2] != ".|.") print $1, $2, kv[1], kv[2] } }' |
    sort > got.tsv
  # Sites whose haplotypes are all REF are not written: REF|REF genotypes there are not expected back.
  awk -F'\t' -v OFS='\t' 'NR == FNR { if ($0 !~ /^#/) ref[$1 FS $2] = $3; next }
       { split($4, h, "|"); if (h[1] == ref[$1 FS $2] && h[2] == ref[$1 FS $2]) print $0, "refref"; else print $0, "var" }' \
    matrix.tsv expected.tsv > expected_tagged.tsv
  awk -F'\t' -v OFS='\t' 'NR == FNR { site[$1 FS $2] = 1; next } ($1 FS $2) in site || $5 == "var" { print $1, $2, $3, $4 }' \
    got.tsv expected_tagged.tsv | sort > want.tsv
  cmp -s want.tsv got.tsv || { diff want.tsv got.tsv | head >&2; fail "$1: phased genotypes differ"; }
  [ "$(wc -l < want.tsv)" -gt 50 ] || fail "$1: too few phased genotypes compared ($(wc -l < want.tsv))"
  echo "$1: $(wc -l < want.tsv) phased genotypes identical"
}

for pair in F1_subSample:GT input_test:PG; do
  name=${pair%%:*} tag=${pair##*:}
  rm -f expected.tsv
  derive "$M2H_DATA/real/$name.vcf.gz" "$tag"
  m2h-transform -s samples.tsv --format vcf --write-index -o "$name.vcf.gz" matrix.tsv
  bcftools index -f "$name.vcf.gz" && tabix -f -p vcf "$name.vcf.gz" || fail "$name.vcf.gz does not index"
  [ -s "$name.vcf.gz.csi" ] || fail "no index"
  check "$name.vcf.gz"
  m2h-transform -s samples.tsv --format bcf --write-index -o "$name.bcf" - < matrix.tsv
  bcftools view -h "$name.bcf" | grep -q '^##contig=<ID=2>' || fail "$name.bcf: contig not declared"
  check "$name.bcf"
done
pass
