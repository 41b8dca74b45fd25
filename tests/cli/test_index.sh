# --write-index builds the index from the records as they are written, not by reading the
# file back: it must be the index htslib's indexer makes of the same file (`bcftools
# index`), byte for byte. Every way the records reach the file: spilled before the header
# (contigs unknown) and written in one pass (--contig-lengths, a part of one chromosome);
# on 0 and 2 threads; .vcf.gz as CSI and TBI, BCF as CSI; records that start BGZF blocks
# and span them (a wide panel); a file with no records; a chromosome past 2^32 (a CSI of
# more levels). Unsorted rows: exit 2, htslib's reason, and neither file left.
source "$(dirname "$0")/lib.sh"

# indexed_as_bcftools FILE [bcftools index option]: FILE's index equals bcftools' of a copy.
indexed_as_bcftools() {
  local f=$1 opt=${2:--c} ext=csi
  [ "$opt" = -t ] && ext=tbi
  [ -s "$f.$ext" ] || fail "$f: no .$ext written"
  cp "$f" "ref.$f"
  bcftools index "$opt" -f "ref.$f"
  cmp -s "$f.$ext" "ref.$f.$ext" || fail "$f.$ext differs from bcftools index's"
  rm -f "ref.$f" "ref.$f.$ext"
}

m2h-simulate --rows 30000 --chroms 3 --poly-rate 0.7 --haplotypes 11 --seed 4 -o m.tsv
printf 'chr1\t200000\nchr2\t200000\nchr3\t200000\n' > m.lengths
for threads in 0 2; do
  for how in spill lengths; do
    extra=()
    [ "$how" = lengths ] && extra=(--contig-lengths m.lengths)
    m2h-transform --format vcf --threads "$threads" "${extra[@]}" --write-index -o "$how$threads.vcf.gz" m.tsv
    indexed_as_bcftools "$how$threads.vcf.gz"
    m2h-transform --format vcf --threads "$threads" "${extra[@]}" --write-index --index-format tbi -o "t$how$threads.vcf.gz" m.tsv
    indexed_as_bcftools "t$how$threads.vcf.gz" -t
    m2h-transform --format bcf --threads "$threads" "${extra[@]}" --write-index -o "$how$threads.bcf" m.tsv
    indexed_as_bcftools "$how$threads.bcf"
  done
done
# The index finds records: a region's count equals the plain file's.
m2h-transform --format vcf --no-version -o plain.vcf m.tsv
want=$(awk -F'\t' '$1 == "chr2" && $2 >= 1000 && $2 <= 5000' plain.vcf | wc -l)
[ "$want" -gt 100 ] || fail "test setup: $want records in the region"
for f in spill2.vcf.gz tspill2.vcf.gz spill2.bcf; do
  [ "$(bcftools view -H -r chr2:1000-5000 "$f" | wc -l)" -eq "$want" ] || fail "$f: region chr2:1000-5000 lacks records"
done

# A part of one chromosome: written in one pass.
m2h-split --by chrom -o parts m.tsv
m2h-transform --format bcf --manifest parts/manifest.tsv --part 2 --write-index -o part2.bcf
indexed_as_bcftools part2.bcf

# A wide panel: records of several kB, many spanning two BGZF blocks.
m2h-simulate --rows 600 --chroms 2 --poly-rate 1 --haplotypes 3000 --seed 5 -o wide.tsv
m2h-transform --format vcf --threads 2 --write-index -o wide.vcf.gz wide.tsv
indexed_as_bcftools wide.vcf.gz
m2h-transform --format bcf --threads 2 --write-index -o wide.bcf wide.tsv
indexed_as_bcftools wide.bcf

# Records of 51 bytes, VCF and BCF alike (5 samples, one ALT, 10-digit positions, each in
# a 16 kb window of its own, so each start is in the index): 1280
# fill a BGZF block, so blocks end where records do, and an offset there is the next
# block's start.
m2h-simulate --rows 6000 --haplotypes 10 --poly-rate 1 --missing-rate 0 --deletion-rate 0 --multi-rate 0 -o even0.tsv
awk 'BEGIN { OFS = "\t" } NR > 1 { $2 = 1000000000 + NR * 16384 } 1' even0.tsv > even.tsv
m2h-transform --format vcf --no-version -o - even.tsv | awk '!/^#/ && length($0) != 50 { bad = 1 } END { exit bad }' \
  || fail "test setup: VCF records of even.tsv are not all 51 bytes"
for threads in 0 2; do
  m2h-transform --format vcf --threads "$threads" --write-index -o "even$threads.vcf.gz" even.tsv
  indexed_as_bcftools "even$threads.vcf.gz"
  m2h-transform --format bcf --threads "$threads" --write-index -o "even$threads.bcf" even.tsv
  indexed_as_bcftools "even$threads.bcf"
done

# No record (no row polymorphic).
m2h-simulate --rows 200 --poly-rate 0 --haplotypes 4 -o mono.tsv
m2h-transform --format vcf --write-index -o mono.vcf.gz mono.tsv
[ "$(bcftools view -H mono.vcf.gz | wc -l)" -eq 0 ] || fail "test setup: mono.vcf.gz has records"
indexed_as_bcftools mono.vcf.gz
m2h-transform --format bcf --write-index -o mono.bcf mono.tsv
indexed_as_bcftools mono.bcf

# A chromosome of 5 Gb, named with its length: the CSI grows a level, as htslib's does.
printf 'chr1\t5000000000\n' > big.lengths
m2h-simulate --rows 300 --lengths big.lengths --poly-rate 1 --haplotypes 4 -o big.tsv
m2h-transform --format vcf --contig-lengths big.lengths --write-index -o big.vcf.gz big.tsv
indexed_as_bcftools big.vcf.gz
[ "$(bcftools view -H -r chr1:4300000000-5000000000 big.vcf.gz | wc -l)" -gt 0 ] || fail "big.vcf.gz: no record found past 2^32"

# m2h-merge --write-index: the records of copied parts are noted as their blocks go by,
# the rest read back by htslib's indexer; either way bcftools index's index. Parts of one
# chromosome each (.vcf.gz; BCF parts sharing their contigs, which are copied, and parts
# that do not, which are re-encoded), on 0 and 2 threads, CSI and TBI; a wide panel's
# parts; records laid out by another writer (bgzip): REF of several bases, sites only, an
# INFO/END (which htslib's indexer reads), spanning blocks.
for f in vcf.gz bcf; do
  for p in 1 2 3; do
    m2h-transform --format "${f%.gz}" --manifest parts/manifest.tsv --part $p -o "mp$p.$f"
    m2h-transform --format "${f%.gz}" --contig-lengths m.lengths --manifest parts/manifest.tsv --part $p -o "lp$p.$f"
  done
  for threads in 0 2; do
    m2h-merge --threads $threads --write-index -o "merged$threads.$f" mp1.$f mp2.$f mp3.$f
    indexed_as_bcftools "merged$threads.$f"
    m2h-merge --threads $threads --write-index -o "lmerged$threads.$f" lp1.$f lp2.$f lp3.$f
    indexed_as_bcftools "lmerged$threads.$f"
  done
done
m2h-merge --write-index --index-format tbi -o tmerged.vcf.gz mp1.vcf.gz mp2.vcf.gz mp3.vcf.gz
indexed_as_bcftools tmerged.vcf.gz -t
m2h-split --by chrom -o wparts wide.tsv
for p in 1 2; do m2h-transform --format vcf --manifest wparts/manifest.tsv --part $p -o "wp$p.vcf.gz"; done
m2h-merge --write-index -o wmerged.vcf.gz wp1.vcf.gz wp2.vcf.gz
indexed_as_bcftools wmerged.vcf.gz
[ "$(bcftools view -H wmerged.vcf.gz | wc -l)" -eq "$(bcftools view -H wide.vcf.gz | wc -l)" ] || fail "wmerged.vcf.gz: records lost"
# other_vcf NAME CHROM FIRST_POS [end]: 3000 records of REF 1 to 3 bases, 2 samples, bgzip'd;
# with "end", the 1501st has INFO/END 20 bases on.
other_vcf() {
  { printf '##fileformat=VCFv4.2\n##contig=<ID=chr1>\n##contig=<ID=chr2>\n'
    printf '##INFO=<ID=END,Number=1,Type=Integer,Description="End">\n'
    printf '##FORMAT=<ID=GT,Number=1,Type=String,Description="Genotype">\n'
    printf '#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\ta\tb\n'
    awk -v c="$2" -v p="$3" -v end="${4:-}" 'BEGIN { OFS = "\t"; split("A AC ACG", ref, " ")
      for (i = 0; i < 3000; i++) print c, p + 7 * i, "rs" i, ref[i % 3 + 1], "T", 30, "PASS", (i == 1500 && end ? "END=" p + 7 * i + 20 : "DP=" i), "GT", "0|1", "1|1" }'
  } | bgzip > "$1"
}
other_vcf o1.vcf.gz chr1 100
other_vcf o2.vcf.gz chr2 5
other_vcf o3.vcf.gz chr2 30000 end
m2h-merge --write-index -o omerged.vcf.gz o1.vcf.gz o2.vcf.gz
indexed_as_bcftools omerged.vcf.gz
m2h-merge --write-index --index-format tbi -o tomerged.vcf.gz o1.vcf.gz o2.vcf.gz
indexed_as_bcftools tomerged.vcf.gz -t
m2h-merge --write-index -o emerged.vcf.gz o1.vcf.gz o2.vcf.gz o3.vcf.gz
indexed_as_bcftools emerged.vcf.gz
[ "$(bcftools view -H -r chr2:40520 emerged.vcf.gz | wc -l)" -eq 1 ] || fail "emerged.vcf.gz: the END record is not found at its end"
zcat o1.vcf.gz | cut -f 1-8 | bgzip > s1.vcf.gz
m2h-merge --write-index -o smerged.vcf.gz s1.vcf.gz
indexed_as_bcftools smerged.vcf.gz
# Parts out of order: no output, no index.
expect_fail 2 "^m2h-merge: cannot index 'bad.vcf.gz': positions must be sorted" \
  m2h-merge --write-index -o bad.vcf.gz mp2.vcf.gz mp1.vcf.gz mp2.vcf.gz
grep -q "Chromosome blocks not continuous" .stderr || fail "htslib's reason not shown: $(cat .stderr)"
absent bad.vcf.gz bad.vcf.gz.csi

# Rows out of order: no output, no index.
{ head -n 1 m.tsv; sed -n '10,12p' m.tsv; sed -n '5,6p' m.tsv; } > unsorted.tsv
for f in vcf.gz bcf; do
  expect_fail 2 "^m2h-transform: cannot index 'unsorted.$f': positions must be sorted" \
    m2h-transform --format "${f%.gz}" --write-index -o "unsorted.$f" unsorted.tsv
  grep -q "Unsorted positions" .stderr || fail "htslib's reason not shown: $(cat .stderr)"
  absent "unsorted.$f" "unsorted.$f.csi"
done
# A chromosome in two runs of rows: no output, no index (TBI as CSI).
{ head -n 1 m.tsv; grep -m 5 -P '^chr1\t' m.tsv; grep -m 5 -P '^chr2\t' m.tsv; awk '$1 == "chr1"' m.tsv | sed -n '6,9p'; } > split.tsv
[ "$(cut -f 1 split.tsv | uniq | tr '\n' ' ')" = "CHROM chr1 chr2 chr1 " ] || fail "test setup: split.tsv is $(cut -f 1 split.tsv | uniq -c)"
for f in vcf.gz bcf; do
  expect_fail 2 "^m2h-transform: cannot index 'split.$f': positions must be sorted within each chromosome and each chromosome contiguous" \
    m2h-transform --format "${f%.gz}" --write-index -o "split.$f" split.tsv
  absent "split.$f" "split.$f.csi"
done
expect_fail 2 "^m2h-transform: cannot index 'split.vcf.gz': " m2h-transform --format vcf --write-index --index-format tbi -o split.vcf.gz split.tsv
absent split.vcf.gz split.vcf.gz.tbi
pass
