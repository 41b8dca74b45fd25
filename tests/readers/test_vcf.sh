# Our VCF and BCF as their readers see them: pysam and cyvcf2 read the plain VCF, the
# .vcf.gz and the BCF, scikit-allel the VCFs, record by record, genotypes and phase flags
# equal to the matrix's (multi-allelic rows, missing haplotypes, deletions); whatshap stats
# finds one phased block per chromosome, and its NG50 once the contig lengths are given
# (--contig-lengths), not before; bcftools and tabix take the files and their indexes.
source "$(dirname "$0")/lib.sh"
RV=$(venv vcf)
echo "whatshap $("$RV/whatshap" --version), bcftools $(bcftools --version | head -n 1 | cut -d' ' -f2)"

printf 'chr1\t5000000\nchr2\t3000000\nchr3\t800000\n' > genome.fai
m2h-simulate --rows 30000 --lengths genome.fai --haplotypes 21 --seed 3 --poly-rate 0.3 --missing-rate 0.05 \
  --deletion-rate 0.02 --multi-rate 0.3 -o m.tsv
m2h-transform --format vcf -o m.vcf m.tsv
m2h-transform --format vcf --contig-lengths genome.fai --write-index -o m.vcf.gz m.tsv
m2h-transform --format bcf --contig-lengths genome.fai --write-index -o m.bcf m.tsv
[ "$(bcftools index -s m.vcf.gz | cut -f1 | tr '\n' ' ')" = "chr1 chr2 chr3 " ] || fail "index: $(bcftools index -s m.vcf.gz)"
[ "$(bcftools index -n m.bcf)" = "$(grep -vc '^#' m.vcf)" ] || fail "BCF index count"
"$RV/python" "$M2H_SRC/tests/readers/read_vcf.py" m.tsv m.vcf m.vcf.gz m.bcf

# whatshap stats: with lengths, one block per chromosome and its NG50 (the chromosome's
# phased span); without, no NG50.
"$RV/whatshap" stats --sample 1a1b --tsv stats.tsv m.vcf.gz > stats.txt 2>&1 || fail "whatshap stats: $(cat stats.txt)"
"$RV/whatshap" stats --sample 1a1b --tsv nolen.tsv m.vcf > /dev/null 2>&1 || fail "whatshap stats (no lengths)"
awk -F'\t' 'NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
  $col["chromosome"] != "ALL" {
    n++
    if ($col["blocks"] != 1 || $col["block_n50"] !~ /^[0-9]+$/ || $col["block_n50"] != $col["bp_per_block_max"]) bad = bad " " $0
    printf "whatshap stats: %s: %s block, NG50 %s bp\n", $col["chromosome"], $col["blocks"], $col["block_n50"]
  }
  END { if (n != 3 || bad != "") { print "FAIL:" bad > "/dev/stderr"; exit 1 } }' stats.tsv || fail "whatshap stats: $(cat stats.tsv)"
awk -F'\t' 'NR > 1 && $NF != "nan" { exit 1 }' nolen.tsv || fail "an NG50 without contig lengths? $(cat nolen.tsv)"
pass
