# The workflow's merged output equals m2h-transform run on the whole matrix: seed, hap,
# refhap, vcf and bcf (with contig lengths too); header in the matrix and headerless with `header:`; parts by size (the default,
# chromosomes packed and cut), per chromosome and per N rows; parts read as byte ranges of
# the input or copied (scatter ranges, copy, and auto for plain, bgzip and gzip input);
# the summary accounts for every row; a finished run reruns nothing.
source "$(dirname "$0")/lib.sh"

m2h-simulate --rows 30000 --chroms 5 --seed 11 --poly-rate 0.05 -o m.tsv.gz
bgzip -dc m.tsv.gz > m.tsv
head -n 1 m.tsv > header.txt
tail -n +2 m.tsv | bgzip > noheader.tsv.gz
printf 'sample\thap1\thap2\ns1\t1a\t2b\ns2\t3a\t3b\n' > sheet.tsv

check_summary() {  # check_summary FILE: its total line accounts for all 30000 rows
  tail -n 1 "$1" | awk -F'\t' '$1 == "total" && $3 == 30000 && $4 == 30000 && $5 + $6 == 30000 { ok = 1 } END { exit !ok }' \
    || fail "summary $1: $(tail -n 1 "$1")"
}

# seed, header in the matrix, plain output (plain parts), a part per chromosome
write_config seed.yaml input=m.tsv.gz output=out/seed.tsv format=seed split_by=chrom
wf seed.log --cores 2 --configfile seed.yaml || fail "seed run: $(tail -20 seed.log)"
m2h-transform --format seed -o whole.seed.tsv m.tsv.gz
same whole.seed.tsv out/seed.tsv
check_summary out/seed.summary.tsv
[ "$(tail -n +2 out/seed.summary.tsv | wc -l)" -eq 6 ] || fail "summary lines: 5 parts and a total expected"
[ -s out/logs/seed/split.log ] && [ -s out/benchmarks/seed/merge.tsv ] || fail "logs or benchmarks missing"
[ ! -e out/work/seed/parts ] || fail "the temporary parts were kept"
[ -z "$(ls out/work/seed/transformed 2>/dev/null)" ] || fail "temporary transformed parts were kept"
grep -q -- "--ranges" out/logs/seed/split.log || fail "scatter auto did not take ranges of a bgzip file"
grep -q -- "-o out/work/seed/transformed/part-000001.tsv " out/logs/seed/transform/part-000001.log \
  || fail "a plain output's parts should be plain: $(cat out/logs/seed/transform/part-000001.log)"
wf again.log --cores 2 --configfile seed.yaml || fail "rerun failed"
grep -q "Nothing to be done" again.log || fail "a finished run is not up to date: $(cat again.log)"

# vcf, headerless matrix with header:, BGZF VCF with its index, parts of 1 MB (chromosomes
# packed together and cut)
write_config vcf.yaml input=noheader.tsv.gz header=header.txt output=out/all.vcf.gz format=vcf part_size_mb=1
wf vcf.log --cores 2 --configfile vcf.yaml || fail "vcf run: $(tail -20 vcf.log)"
m2h-transform --format vcf --no-version -o whole.vcf m.tsv.gz
bgzip -dc out/all.vcf.gz | cmp -s - whole.vcf || fail "workflow VCF differs from the whole transform"
[ -s out/all.vcf.gz.csi ] || fail "no index"
[ "$(bcftools view -H -r chr3 out/all.vcf.gz | wc -l)" -eq "$(grep -c '^chr3	' whole.vcf)" ] || fail "region query"
check_summary out/all.summary.tsv
[ "$(tail -n +2 out/all.summary.tsv | wc -l)" -eq 4 ] || fail "2.3 MB in parts of 1 MB make 3 parts: $(cat out/all.summary.tsv)"
grep -qP '^2\tchr[0-9]\.\.chr[0-9]\t' out/all.summary.tsv || fail "part 2 should span chromosomes: $(cat out/all.summary.tsv)"

# split_by rows (parts cut across chromosomes), a sample sheet, hap and bcf
write_config rows.yaml input=m.tsv.gz output=out/rows.hap.gz format=hap samples=sheet.tsv split_by=rows
echo "rows_per_part: 7000" >> rows.yaml
wf rows.log --cores 2 --configfile rows.yaml || fail "rows run: $(tail -20 rows.log)"
m2h-transform --format hap -s sheet.tsv -o whole.hap.tsv m.tsv.gz
bgzip -dc out/rows.hap.gz | cmp -s - whole.hap.tsv || fail "split_by rows: hap output differs"
[ "$(tail -n +2 out/rows.summary.tsv | wc -l)" -eq 6 ] || fail "30000 rows by 7000 make 5 parts"
check_summary out/rows.summary.tsv
write_config bcf.yaml input=m.tsv.gz output=out/rows.bcf format=bcf split_by=rows
echo "rows_per_part: 7000" >> bcf.yaml
wf bcf.log --cores 2 --configfile bcf.yaml || fail "bcf run: $(tail -20 bcf.log)"
cmp -s <(bcftools view --no-version out/rows.bcf) whole.vcf || fail "split_by rows: BCF differs"
[ -s out/rows.bcf.csi ] || fail "no BCF index"

# refhap (phase-Extender's reference panel), and a VCF with contig lengths (every part's
# header lists them all, in the file's order), byte ranges of 1 MB.
printf 'chr5\t7000\nchr4\t6000\nchrM\t16569\nchr1\t6001\nchr2\t9999\nchr3\t6000\n' > lengths.tsv
write_config refhap.yaml input=m.tsv output=out/panel.tsv format=refhap part_size_mb=1 contig_lengths=lengths.tsv
wf refhap.log --cores 2 --configfile refhap.yaml || fail "refhap run: $(tail -20 refhap.log)"
m2h-transform --format refhap -o whole.refhap.tsv m.tsv.gz
same whole.refhap.tsv out/panel.tsv
check_summary out/panel.summary.tsv
write_config len.yaml input=m.tsv.gz output=out/len.vcf.gz format=vcf part_size_mb=1 contig_lengths=lengths.tsv
wf len.log --cores 2 --configfile len.yaml || fail "contig lengths run: $(tail -20 len.log)"
m2h-transform --format vcf --no-version --contig-lengths lengths.tsv -o whole.len.vcf m.tsv.gz
bgzip -dc out/len.vcf.gz | cmp -s - whole.len.vcf || fail "contig lengths: VCF differs from the whole transform"
[ "$(bcftools view -h out/len.vcf.gz | grep -c '^##contig=<ID=chr[0-9M]*,length=[0-9]*>')" -eq 6 ] || fail "contig lengths lost"
grep -q -- "--contig-lengths lengths.tsv" out/logs/len/transform/part-000001.log || fail "transform without the lengths"

# scatter: ranges (no part copied; each transform reads its byte range of the input):
# a plain matrix per chromosome, and a headerless BGZF one per N rows.
write_config ranges.yaml input=m.tsv output=out/ranges.vcf.gz format=vcf scatter=ranges split_by=chrom
wf ranges.log --cores 2 --configfile ranges.yaml || fail "ranges run: $(tail -20 ranges.log)"
bgzip -dc out/ranges.vcf.gz | cmp -s - whole.vcf || fail "scatter ranges: VCF differs from the whole transform"
grep -q -- "--ranges" out/logs/ranges/split.log || fail "split did not record ranges: $(cat out/logs/ranges/split.log)"
grep -q -- "--manifest .* --part 5" out/logs/ranges/transform/part-000005.log || fail "transform did not read a range"
check_summary out/ranges.summary.tsv
write_config rr.yaml input=noheader.tsv.gz header=header.txt output=out/rr.tsv format=seed scatter=ranges split_by=rows
echo "rows_per_part: 7000" >> rr.yaml
wf rr.log --cores 2 --configfile rr.yaml || fail "ranges by rows: $(tail -20 rr.log)"
same whole.seed.tsv out/rr.tsv
check_summary out/rr.summary.tsv

# By size, copied: LZ4 parts (scatter copy), and plain gzip input (no random access), for
# which scatter auto copies.
write_config sc.yaml input=m.tsv output=out/sc.tsv format=seed scatter=copy part_size_mb=1
wf sc.log --cores 2 --configfile sc.yaml || fail "size, copy: $(tail -20 sc.log)"
same whole.seed.tsv out/sc.tsv
check_summary out/sc.summary.tsv
grep -q -- "--lz4" out/logs/sc/split.log || fail "scatter copy did not write LZ4 parts"
grep -q -- "m2h-merge .*--write-behind" out/logs/sc/merge.log || fail "a table merge should write behind: $(cat out/logs/sc/merge.log)"
gzip -c m.tsv > plain.gz
write_config gz.yaml input=plain.gz output=out/gz.vcf.gz format=vcf part_size_mb=1
wf gz.log --cores 2 --configfile gz.yaml || fail "gzip input: $(tail -20 gz.log)"
bgzip -dc out/gz.vcf.gz | cmp -s - whole.vcf || fail "gzip input: VCF differs from the whole transform"
grep -q "scatter auto: copy" out/logs/gz/split.log || fail "scatter auto should copy plain gzip: $(cat out/logs/gz/split.log)"
check_summary out/gz.summary.tsv

pass
