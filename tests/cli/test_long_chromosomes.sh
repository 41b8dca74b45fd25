# Chromosomes longer than 2^29 (536,870,912 bp: barley, wheat, rye, onion, conifers) and
# positions past 2^31-1. VCF (.vcf.gz) is indexed as CSI, which holds them (bcftools finds
# a record at 3 Gb by region); TBI, on request, refuses a position past 2^29 at the line
# that has it; BCF refuses positions past 2^31-1 the same way, pointing to VCF, and leaves
# no output; seed, hap and plain VCF carry any position; the merge of VCF parts indexes as
# CSI too. No message ends in "Success" (an errno never set).
source "$(dirname "$0")/lib.sh"

printf 'chr1\t1000\nchr2H\t768075024\nchrBig\t3000000010\n' > long.lengths
m2h-simulate --rows 600 --lengths long.lengths --poly-rate 1 -o m.tsv
tail -n 1 m.tsv | grep -qP '^chrBig\t3000000010\t' || fail "test setup: the last row should be at chrBig:3000000010"

m2h-transform --format vcf --write-index -o all.vcf.gz m.tsv
[ -s all.vcf.gz.csi ] && [ ! -e all.vcf.gz.tbi ] || fail "vcf.gz should be indexed as CSI: $(ls all.vcf.gz*)"
bcftools view -H -r chrBig:2999999990-3000000010 all.vcf.gz | cut -f1,2 | grep -qP '^chrBig\t3000000010$' \
  || fail "bcftools view -r does not find the record at chrBig:3000000010"
bgzip -dc all.vcf.gz | grep -v '^##m2h' > all.vcf.txt
m2h-transform --format vcf --no-version -o plain.vcf m.tsv
n=$(awk -F'\t' '$1 == "chr2H" && $2 >= 600000000' plain.vcf | wc -l)
[ "$n" -gt 10 ] && [ "$(bcftools view -H -r chr2H:600000000-768075024 all.vcf.gz | wc -l)" -eq "$n" ] \
  || fail "region past 2^29 on chr2H: $n records expected"
cmp -s <(grep -v '^##m2h' plain.vcf) all.vcf.txt || fail "plain VCF differs from the BGZF one"
grep -qP '^chrBig\t3000000010\t' plain.vcf || fail "plain VCF lacks the position past 2^31"

m2h-transform --format seed -o seed.tsv m.tsv
grep -qP '^chrBig\t3000000010\t' seed.tsv || fail "seed lacks the position past 2^31"
m2h-transform --format hap -o hap.tsv m.tsv
grep -qP '^chrBig\t3000000010\t' hap.tsv || fail "hap lacks the position past 2^31"

# first_past LIMIT: "line pos" of the first row past LIMIT that is written (has a record)
first_past() {
  local pos
  pos=$(awk -F'\t' -v lim="$1" '!/^#/ && $2 + 0 > lim { print $2; exit }' plain.vcf)
  awk -F'\t' -v p="$pos" 'NR > 1 && $2 == p { print NR, p; exit }' m.tsv
}
read -r line pos < <(first_past 2147483647)
expect_fail 2 "^m2h-transform: position too large for BCF in 'm.tsv' line $line: $pos is past its limit of 2147483647; .*write VCF instead \(--format vcf -o NAME.vcf.gz\)$" \
  m2h-transform --format bcf --write-index -o all.bcf m.tsv
absent all.bcf all.bcf.csi
read -r line pos < <(first_past 536870912)
expect_fail 2 "^m2h-transform: position too large for a TBI index in 'm.tsv' line $line: $pos is past its limit of 536870912; .*index as CSI" \
  m2h-transform --format vcf --write-index --index-format tbi -o tbi.vcf.gz m.tsv
absent tbi.vcf.gz tbi.vcf.gz.tbi
# Below the limits, BCF and TBI work.
awk -F'\t' 'NR == 1 || $2 <= 536870912' m.tsv > short.tsv
m2h-transform --format bcf --write-index -o short.bcf short.tsv && [ -s short.bcf.csi ] || fail "BCF below 2^31"
m2h-transform --format vcf --write-index --index-format tbi -o short.vcf.gz short.tsv && [ -s short.vcf.gz.tbi ] || fail "TBI below 2^29"

# Parts of a long chromosome merged into .vcf.gz, indexed as CSI.
m2h-split --by size --part-size 10K -o parts m.tsv
list=()
while IFS=$'\t' read -r -u 3 part _ _ _ path; do   # fd 3: see test_bad_input.sh
  [ "$part" = part ] && continue
  m2h-transform --format vcf --no-version -o "t$part.vcf.gz" "parts/$path"
  list+=("t$part.vcf.gz")
done 3< parts/manifest.tsv
[ "${#list[@]}" -ge 3 ] || fail "test setup: expected several parts, got ${#list[@]}"
m2h-merge --no-version --write-index -o merged.vcf.gz "${list[@]}"
[ -s merged.vcf.gz.csi ] || fail "merge: no CSI index"
bgzip -dc merged.vcf.gz | cmp -s - plain.vcf || fail "merged parts differ from the whole transform"
bcftools view -H -r chrBig:3000000010 merged.vcf.gz | grep -q . || fail "merge: region past 2^31"
expect_fail 2 "^m2h-merge: cannot index 'mtbi.vcf.gz': .*below 536870912 for a TBI index" \
  m2h-merge --write-index --index-format tbi -o mtbi.vcf.gz "${list[@]}"
absent mtbi.vcf.gz mtbi.vcf.gz.tbi
pass
