# m2h-transform against golden outputs (seed, hap, refhap, vcf, sample sheet), from a file and stdin,
# plain and BGZF in and out; stats; every bad input refused with exit 2 and no output.
source "$(dirname "$0")/lib.sh"
D=$M2H_DATA
G=$D/transform
bgzip -c "$D/small.tsv" > small.tsv.gz

for fmt in seed hap refhap; do
  m2h-transform --samples auto --format $fmt -o out.$fmt "$D/small.tsv" && same "$G/small.$fmt.tsv" out.$fmt
  m2h-transform --samples auto --format $fmt < "$D/small.tsv" > stdin.$fmt && same "$G/small.$fmt.tsv" stdin.$fmt
  m2h-transform --samples auto --format $fmt --threads 2 -o out.$fmt.gz small.tsv.gz
  bgzip -t out.$fmt.gz && bgzip -dc out.$fmt.gz | cmp -s - "$G/small.$fmt.tsv" || fail "BGZF $fmt output"
  m2h-transform --samples auto --format $fmt --header-file "$D/small.header" "$D/small.noheader.tsv" > hdr.$fmt
  same "$G/small.$fmt.tsv" hdr.$fmt
done
m2h-transform "$D/small.tsv" > default.tsv && same "$G/small.seed.tsv" default.tsv   # seed and auto are the defaults
m2h-transform -s "$D/samples.tsv" "$D/small.tsv" > sheet.tsv && same "$G/small.sheet.seed.tsv" sheet.tsv
m2h-transform --format vcf --no-version "$D/small.tsv" > out.vcf && same "$G/small.vcf" out.vcf
bgzip -dc small.tsv.gz | m2h-transform --format vcf --no-version -o out.vcf.gz - && bgzip -dc out.vcf.gz | cmp -s - "$G/small.vcf" || fail "vcf.gz"
m2h-transform --format bcf -o out.bcf "$D/small.tsv" && bcftools view --no-version out.bcf | grep -v '^##m2h' | cmp -s - "$G/small.vcf" || fail "bcf"
m2h-transform --format vcf -o v.vcf "$D/small.tsv" && grep -q '^##m2h-transformCommand=m2h-transform --format vcf' v.vcf || fail "no command line in header"

# Stats: rows read, written, skipped.
m2h-transform --stats stats.tsv -o /dev/null "$D/small.tsv"
# ... and the tool's own wall time and peak memory (getrusage): a few MiB.
[ "$(head -n 1 stats.tsv)" = "$(printf 'input\trows_read\trows_written\trows_skipped\twall_s\tmax_rss_mib')" ] || fail "stats header: $(head -n 1 stats.tsv)"
limit=$(memory_limit)   # none under qemu-user or ASan: the figure holds theirs too
tail -n 1 stats.tsv | awk -F'\t' -v f="$D/small.tsv" -v limit=$limit '$1 == f && $2 == 7 && $3 == 4 && $4 == 3 && $5 >= 0 && $6 > 1 && $6 < limit { ok = 1 } END { exit !ok }' \
  || fail "stats: $(cat stats.tsv)"

# Bad input: exit 2, file/line/column named, no output file.
printf 'CHROM\tPOS\tREF\t1a\t1b\nc1\t1\tA\tA\ta\n' > lower.tsv
expect_fail 2 "^m2h-transform: bad allele code in 'lower.tsv' line 2: column 5 \('1b'\): 'a'; allowed: A C G T N -" m2h-transform -o bad.tsv lower.tsv
printf 'CHROM\tPOS\tREF\t1a\t1b\nc1\t1\tA\tA\tR\n' > iupac.tsv
expect_fail 2 "bad allele code in 'iupac.tsv' line 2: column 5 \('1b'\): 'R'" m2h-transform -o bad.tsv iupac.tsv
printf 'CHROM\tPOS\tREF\t1a\t1b\nc1\t1\tAC\tA\tC\n' > longref.tsv
expect_fail 2 "bad allele code in 'longref.tsv' line 2: column 3 \('REF'\): 'AC'" m2h-transform -o bad.tsv longref.tsv
printf 'CHROM\tPOS\tREF\t1a\t1b\nc1\t1\tA\tAA\t\n' > twochar.tsv
expect_fail 2 "column 4 \('1a'\): 'AA'" m2h-transform -o bad.tsv twochar.tsv
head -1 "$D/small.tsv" > header_only.tsv
expect_fail 2 "^m2h-transform: no data rows in 'header_only.tsv'" m2h-transform -o bad.tsv header_only.tsv
printf 'sample\thap1\thap2\ns1\t1a\t9b\n' > missing_col.tsv
expect_fail 2 "^m2h-transform: unknown column in sample sheet 'missing_col.tsv' line 2: '9b' is not a column" m2h-transform -s missing_col.tsv -o bad.tsv "$D/small.tsv"
printf 'sample\thap1\thap2\ns1\t1a\t1b\ns1\t2a\t2b\n' > dup.tsv
expect_fail 2 "^m2h-transform: duplicate sample in 'dup.tsv' line 3: 's1' is named twice" m2h-transform -s dup.tsv -o bad.tsv "$D/small.tsv"
printf 'sample\thap1\thap2\ns_1\t1a\t1b\n' > under.tsv
expect_fail 2 "^m2h-transform: sample name not allowed for --format hap in 'under.tsv' line 2: 's_1'" m2h-transform -s under.tsv --format hap -o bad.tsv "$D/small.tsv"
expect_fail 2 "^m2h-transform: sample name not allowed for --format refhap in 'under.tsv' line 2: 's_1'" m2h-transform -s under.tsv --format refhap -o bad.tsv "$D/small.tsv"
m2h-transform -s under.tsv --format seed -o ok.tsv "$D/small.tsv" || fail "'_' is fine in seed"
printf 'sample\thap1\thap2\ns1\t1a\tREF\n' > refcol.tsv
expect_fail 2 "not a haplotype column in sample sheet 'refcol.tsv' line 2: 'REF'" m2h-transform -s refcol.tsv -o bad.tsv "$D/small.tsv"
printf 'sample\thap1\thap2\ns1\t1a\t1b\ns2\t1b\t2a\n' > twice.tsv
expect_fail 2 "haplotype column used twice in 'twice.tsv' line 3: '1b'" m2h-transform -s twice.tsv -o bad.tsv "$D/small.tsv"
printf 'CHROM\tPOS\tREF\tx\ty\nc1\t1\tA\tA\tC\n' > nopairs.tsv
expect_fail 2 "no sample pairs for --samples auto in the header of 'nopairs.tsv'" m2h-transform -o bad.tsv nopairs.tsv
printf 'CHROM\tPOS\tREF\t1a\t1b\nchr 1\t1\tA\tA\tC\n' > space.tsv
expect_fail 2 "^m2h-transform: chromosome name not allowed in VCF in 'space.tsv' line 2: 'chr 1'" m2h-transform --format vcf -o bad.vcf space.tsv
m2h-transform --format seed -o space.seed space.tsv && grep -q '^chr 1	1	A	C	chr 1	A|C$' space.seed || fail "seed keeps any chromosome name"
expect_fail 1 "--write-index needs a .vcf.gz or BCF output" m2h-transform --format vcf --write-index -o bad.vcf "$D/small.tsv"
expect_fail 1 "--format: .*genes" m2h-transform --format genes "$D/small.tsv"
absent bad.tsv bad.vcf
pass
