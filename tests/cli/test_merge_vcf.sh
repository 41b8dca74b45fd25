# VCF/BCF parts: split -> transform per part -> merge equals the transform of the whole
# matrix; bcftools reads and indexes single-part and merged outputs; bad parts refused.
source "$(dirname "$0")/lib.sh"

m2h-simulate --rows 60000 --chroms 4 --seed 5 --poly-rate 0.05 -o m.tsv
m2h-transform --no-version --format vcf -o whole.vcf.gz --write-index m.tsv
m2h-split -o parts m.tsv
for fmt in vcf.gz bcf; do
  list=()
  while IFS=$'\t' read -r -u 3 part key rows bytes path; do   # fd 3: see test_bad_input.sh
    [ "$part" = part ] && continue
    m2h-transform --no-version --format ${fmt%.gz} -o "p$part.$fmt" "parts/$path"
    bcftools view -h "p$part.$fmt" | grep -q "^##contig=<ID=$key>" || fail "p$part.$fmt lacks its contig"
    bcftools index -f "p$part.$fmt" || fail "p$part.$fmt does not index"
    list+=("p$part.$fmt")
  done 3< parts/manifest.tsv
  m2h-merge --no-version --write-index --threads 2 -o "merged.$fmt" "${list[@]}"
  [ -s "merged.$fmt.csi" ] || fail "merged.$fmt.csi missing"
  cmp -s <(bcftools view -H "merged.$fmt") <(bcftools view -H whole.vcf.gz) || fail "merged $fmt records differ from the whole"
  cmp -s <(bcftools view -h "merged.$fmt" | grep -E '^##contig|^#CHROM') <(bcftools view -h whole.vcf.gz | grep -E '^##contig|^#CHROM') || fail "merged $fmt header"
  [ "$(bcftools view -H -r chr3 "merged.$fmt" | wc -l)" -eq "$(bcftools view -H whole.vcf.gz | awk '$1=="chr3"' | wc -l)" ] || fail "region query on merged.$fmt"
done

# The merged header records the merge, and no part's transform command as if it made the
# whole (parts made with their version lines here).
m2h-transform --format vcf -o v1.vcf.gz parts/part-000001-chr1.tsv
m2h-transform --format vcf -o v2.vcf.gz parts/part-000002-chr2.tsv
m2h-merge -o recorded.vcf.gz v1.vcf.gz v2.vcf.gz
bcftools view -h recorded.vcf.gz > recorded.h
grep -q '^##m2h-mergeCommand=m2h-merge -o recorded.vcf.gz v1.vcf.gz v2.vcf.gz$' recorded.h || fail "the merge is not recorded: $(grep m2h recorded.h)"
grep -q '^##m2h-mergeVersion=' recorded.h || fail "no merge version"
! grep -q '^##m2h-transformCommand' recorded.h || fail "a part's command kept: $(grep m2h-transformCommand recorded.h)"
m2h-merge --no-version -o quiet.vcf.gz v1.vcf.gz v2.vcf.gz
! bcftools view -h quiet.vcf.gz | grep -q '^##m2h-merge' || fail "--no-version still records the merge"

# TBI on request (--index-format tbi), for tools that read no CSI.
m2h-merge --write-index --index-format tbi -o tbi.vcf.gz p1.vcf.gz p2.vcf.gz p3.vcf.gz p4.vcf.gz
[ -s tbi.vcf.gz.tbi ] && [ ! -e tbi.vcf.gz.csi ] || fail "--index-format tbi: $(ls tbi.vcf.gz*)"
[ "$(bcftools view -H -r chr3 tbi.vcf.gz | wc -l)" -eq "$(bcftools view -H whole.vcf.gz | awk '$1=="chr3"' | wc -l)" ] || fail "region query with the TBI"

# .vcf.gz parts are copied block by block, a plain part in between is re-encoded:
# the text is the same as a merge into plain VCF, which decodes every record.
bcftools view --no-version -Ov -o p2.vcf p2.vcf.gz
m2h-merge --no-version -o mixed.vcf.gz p1.vcf.gz p2.vcf p3.vcf.gz p4.vcf.gz
m2h-merge --no-version -o plain.vcf p1.vcf.gz p2.vcf.gz p3.vcf.gz p4.vcf.gz
cmp -s <(bgzip -dc mixed.vcf.gz) plain.vcf || fail "block-copied merge differs from the decoded one"
cmp -s <(bgzip -dc merged.vcf.gz) plain.vcf || fail "merged.vcf.gz differs from the decoded merge"

# Refusals: a truncated part, parts with other samples, no output left.
head -c -28 p2.vcf.gz > cut.vcf.gz
expect_fail 2 "^m2h-merge: truncated BGZF file 'cut.vcf.gz'" m2h-merge -o bad.vcf.gz p1.vcf.gz cut.vcf.gz
printf 'sample\thap1\thap2\nother\t1a\t1b\n' > other.tsv
m2h-transform -s other.tsv --format vcf -o other.vcf.gz parts/part-000002-chr2.tsv
expect_fail 2 "^m2h-merge: samples differ in 'other.vcf.gz'" m2h-merge -o bad.vcf.gz p1.vcf.gz other.vcf.gz
expect_fail 1 "--write-index needs a .vcf.gz or .bcf output" m2h-merge --write-index -o bad.vcf p1.vcf.gz
absent bad.vcf.gz bad.vcf
pass
