# --contig-lengths: VCF/BCF headers list every contig of a .fai (or name<TAB>length file)
# with its length, in the file's order; m2h-merge keeps them; a row on a contig the file
# lacks, or past its contig's end, is refused naming the line, with no output file.
source "$(dirname "$0")/lib.sh"
D=$M2H_DATA

# A .fai as samtools faidx writes it (name length offset linebases linewidth), in an order
# other than the matrix's, with a contig the matrix does not have.
printf 'chrX\t5\t100\t60\t61\nchr1\t4\t6\t60\t61\nchrM\t16569\t200\t60\t61\nchr2\t2\t50\t60\t61\n' > ref.fa.fai
expected='##contig=<ID=chrX,length=5>
##contig=<ID=chr1,length=4>
##contig=<ID=chrM,length=16569>
##contig=<ID=chr2,length=2>'
for out in out.vcf out.vcf.gz out.bcf; do
  fmt=vcf; [ "$out" = out.bcf ] && fmt=bcf
  m2h-transform --format $fmt --contig-lengths ref.fa.fai -o $out "$D/small.tsv"
  [ "$(bcftools view -h $out | grep '^##contig')" = "$expected" ] || fail "$out: contig lines: $(bcftools view -h $out | grep contig)"
  # The records are those written without the lengths.
  cmp -s <(bcftools view -H $out) <(m2h-transform --format vcf "$D/small.tsv" | grep -v '^#') || fail "$out: records changed"
done

# "name<TAB>length" lines work the same.
cut -f1,2 ref.fa.fai > lengths.tsv
m2h-transform --format vcf --no-version --contig-lengths lengths.tsv -o two.vcf "$D/small.tsv"
m2h-transform --format vcf --no-version --contig-lengths ref.fa.fai -o fai.vcf "$D/small.tsv"
same fai.vcf two.vcf

# Parts transformed with the lengths merge into the whole matrix's transform: every part
# lists every contig, so the merged header is the same.
m2h-split --by rows --rows 3 -o parts "$D/small.tsv"
for p in 1 2 3; do
  m2h-transform --format vcf --no-version --contig-lengths lengths.tsv --manifest parts/manifest.tsv --part $p -o p$p.vcf.gz
done
m2h-merge -o merged.vcf.gz p1.vcf.gz p2.vcf.gz p3.vcf.gz
m2h-transform --format vcf --no-version --contig-lengths lengths.tsv -o whole.vcf.gz "$D/small.tsv"
cmp -s <(bgzip -dc merged.vcf.gz | grep -v '^##m2h-merge') <(bgzip -dc whole.vcf.gz) || fail "merged VCF differs from the whole transform"
[ "$(bcftools view -h merged.vcf.gz | grep '^##contig')" = "$expected" ] || fail "merge lost the lengths"

# Table formats take the file as a check of the rows written.
m2h-transform --format hap --contig-lengths lengths.tsv -o ok.hap "$D/small.tsv"
same "$D/transform/small.hap.tsv" ok.hap

# Refused: a position past its contig's end, a contig missing, a bad lengths file.
printf 'chrX\t5\nchr1\t3\nchr2\t2\n' > short.tsv
expect_fail 2 "^m2h-transform: position past the end of its contig in '.*small.tsv' line 8: chr1:4, but 'short.tsv' gives 'chr1' a length of 3$" \
  m2h-transform --format vcf --contig-lengths short.tsv -o bad.vcf.gz "$D/small.tsv"
expect_fail 2 "position past the end of its contig in '.*small.tsv' line 8" \
  m2h-transform --format hap --contig-lengths short.tsv -o bad.hap "$D/small.tsv"
printf 'chr1\t4\nchr2\t2\n' > nox.tsv
expect_fail 2 "^m2h-transform: contig missing from the contig lengths in '.*small.tsv' line 6: 'chrX' is not in 'nox.tsv'$" \
  m2h-transform --format bcf --contig-lengths nox.tsv -o bad.bcf "$D/small.tsv"
printf 'chr1\t4\nchr2\tlong\n' > word.tsv
expect_fail 2 "^m2h-transform: bad contig length in 'word.tsv' line 2: 'long' for 'chr2' is not a whole number >= 1$" \
  m2h-transform --format vcf --contig-lengths word.tsv -o bad.vcf "$D/small.tsv"
printf 'chr1\t4\nchr2\t0\n' > zero.tsv
expect_fail 2 "bad contig length in 'zero.tsv' line 2: '0'" m2h-transform --format vcf --contig-lengths zero.tsv -o bad.vcf "$D/small.tsv"
printf 'chr1\n' > nolength.tsv
expect_fail 2 "^m2h-transform: bad contig lengths 'nolength.tsv' line 1: expected 'name<TAB>length'" \
  m2h-transform --format vcf --contig-lengths nolength.tsv -o bad.vcf "$D/small.tsv"
printf 'chr1\t4\nchr2\t2\nchr1\t5\n' > twice.tsv
expect_fail 2 "^m2h-transform: contig named twice in 'twice.tsv' line 3: 'chr1' is also on line 1$" \
  m2h-transform --format vcf --contig-lengths twice.tsv -o bad.vcf "$D/small.tsv"
printf 'chr1\t4\nchr 2\t2\n' > space.tsv
expect_fail 2 "^m2h-transform: chromosome name not allowed in VCF in 'space.tsv' line 2: 'chr 2'" \
  m2h-transform --format vcf --contig-lengths space.tsv -o bad.vcf "$D/small.tsv"
: > empty.tsv
expect_fail 2 "^m2h-transform: no contigs in 'empty.tsv'" m2h-transform --format vcf --contig-lengths empty.tsv -o bad.vcf "$D/small.tsv"
expect_fail 2 "cannot open 'missing.fai'" m2h-transform --format vcf --contig-lengths missing.fai -o bad.vcf "$D/small.tsv"
absent bad.vcf.gz bad.hap bad.bcf bad.vcf
pass
