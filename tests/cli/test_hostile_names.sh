# Path safety: chromosome and sample names that look like paths or tricks ('/', '..',
# spaces, a leading '.', very long, differing only in case) never make a tool write outside
# its output directory. They are carried through unchanged (manifest keys, tables, VCF where
# the name is legal there) or rejected with a clear error where the format cannot hold them.
source "$(dirname "$0")/lib.sh"

long=$(printf 'c%.0s' $(seq 1 300))
names=("/" ".." "../../escape" "a b" ".hidden" "$long" "chrA" "chra" "x/y")
{
  printf 'CHROM\tPOS\tREF\t../1a\t../1b\t.2a\t.2b\n'
  for n in "${names[@]}"; do
    printf '%s\t1\tA\tA\tC\tA\tA\n%s\t2\tC\tC\tC\tG\tC\n' "$n" "$n"
  done
} > m.tsv
mkdir -p run/out && cd run
snapshot() { find .. -path ../run/out -prune -o -print | sort; }
touch ../.stdout ../.stderr  # expect_fail's own files
before=$(snapshot)

# split: one part per name, every file inside out/parts, keys exactly the names.
m2h-split -o out/parts ../m.tsv
[ "$(tail -n +2 out/parts/manifest.tsv | wc -l)" -eq "${#names[@]}" ] || fail "parts: $(cat out/parts/manifest.tsv)"
[ "$(tail -n +2 out/parts/manifest.tsv | cut -f2)" = "$(printf '%s\n' "${names[@]}")" ] || fail "keys changed: $(cut -f2 out/parts/manifest.tsv)"
[ "$(find out/parts -mindepth 1 | wc -l)" -eq $(( ${#names[@]} + 1 )) ] || fail "split wrote elsewhere: $(find out/parts)"
for f in out/parts/*; do
  b=$(basename "$f")
  [[ $b =~ ^[A-Za-z0-9_.-]+$ ]] && [[ $b != .* ]] && [ "${#b}" -le 100 ] || fail "unsafe part name '$b'"
done
m2h-merge --manifest out/parts/manifest.tsv -o out/back.tsv
same ../m.tsv out/back.tsv
m2h-split --ranges -o out/ranges ../m.tsv
[ "$(tail -n +2 out/ranges/manifest.tsv | cut -f2)" = "$(printf '%s\n' "${names[@]}")" ] || fail "range keys changed"

# Tables carry names as they are; so does VCF where legal, and it refuses a space.
printf 'sample\thap1\thap2\n../../s p\t../1a\t../1b\n.h\t.2a\t.2b\n' > out/sheet.tsv
m2h-transform -s out/sheet.tsv -o out/seed.tsv ../m.tsv
[ "$(head -n 1 out/seed.tsv)" = "$(printf 'contig\tpos\tref\talt\t../../s p_PI\t../../s p_PG_al\t.h_PI\t.h_PG_al')" ] \
  || fail "seed header: $(head -n 1 out/seed.tsv)"
[ "$(tail -n +2 out/seed.tsv | cut -f1 | uniq)" = "$(printf '%s\n' "${names[@]}")" ] || fail "seed CHROM column changed"
expect_fail 2 "^m2h-transform: chromosome name not allowed in VCF in '../m.tsv' line 8: 'a b'" \
  m2h-transform -s out/sheet.tsv --format vcf -o out/all.vcf ../m.tsv
absent out/all.vcf
grep -v '^a b' ../m.tsv > out/novcfspace.tsv
m2h-transform -s out/sheet.tsv --format vcf -o out/all.vcf out/novcfspace.tsv
[ "$(bcftools query -f '%CHROM\n' out/all.vcf | uniq)" = "$(printf '%s\n' "${names[@]}" | grep -v '^a b$')" ] \
  || fail "VCF contigs: $(bcftools query -f '%CHROM\n' out/all.vcf | uniq)"
[ "$(bcftools query -l out/all.vcf)" = "$(printf '../../s p\n.h')" ] || fail "VCF samples: $(bcftools query -l out/all.vcf)"
m2h-transform -s out/sheet.tsv --format hap -o out/p.hap ../m.tsv
[ "$(head -n 1 out/p.hap)" = "$(printf 'CHROM\tPOS\tREF\tall-alleles\t../../s p:PI\t../../s p:PG_al\t.h:PI\t.h:PG_al')" ] \
  || fail "hap header: $(head -n 1 out/p.hap)"

# Nothing was written outside out/ (the snapshot excludes only out/ itself).
[ "$(snapshot)" = "$before" ] || fail "files appeared outside the output directory: $(comm -13 <(echo "$before") <(snapshot))"
cd ..
[ ! -e escape ] && [ ! -e ../escape ] || fail "a name escaped the directory"
pass
