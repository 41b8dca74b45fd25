# m2h-split of a VCF or BCF and m2h-transform --manifest/--part reading its parts: regions of
# the indexed file (--ranges, nothing copied) or part files (.vcf.gz, .bcf), by contig, rows
# or size; the parts' tables merged equal the whole file's, indels reaching across a cut
# included; the region manifest's columns; an index built when the file has none; errors
# (plain VCF with --ranges, unsorted, a changed file).
source "$(dirname "$0")/lib.sh"

# A panel of three contigs, every 40th record's REF made 12 bases long (a deletion reaching
# across the next records, and so across cuts: a region's query returns it again, for the
# part after), written and indexed by m2h-transform itself (TBI for the .vcf.gz, CSI for
# the BCF)
m2h-simulate --rows 30000 --chroms 3 --seed 5 --poly-rate 0.3 -o m.tsv
m2h-transform --format vcf --no-version -o m.vcf m.tsv
awk 'BEGIN { OFS = "\t" } !/^#/ && ++n % 40 == 0 { $4 = $4 "ACGTACGTACG" } { print }' m.vcf > p.vcf
m2h-transform --format vcf --no-version --write-index --index-format tbi -o p.vcf.gz p.vcf
m2h-transform --format bcf --no-version --write-index -o p.bcf p.vcf
m2h-transform --format vcf --no-version -o p2.vcf p.vcf.gz
grep -v '^#' p2.vcf | awk 'length($4) == 12 { n++ } END { exit n < 100 }' || fail "no long REF records"
m2h-transform --format hap -o whole.tsv p.vcf.gz
m2h-transform --format hap -o whole.bcf.tsv p.bcf
same whole.tsv whole.bcf.tsv

# check INPUT SPLIT-OPTIONS...: every part transformed, then merged, equals the whole
check() {
  local input=$1 n p
  shift
  rm -rf parts
  m2h-split "$@" -o parts "$input"
  n=$(($(wc -l < parts/manifest.tsv) - 1))
  [ "$n" -ge 1 ] || fail "no parts: $*"
  for p in $(seq 1 "$n"); do
    m2h-transform --format hap --manifest parts/manifest.tsv --part "$p" -o "parts/out-$(printf %03d "$p").tsv"
  done
  m2h-merge -o merged.tsv parts/out-*.tsv
  same whole.tsv merged.tsv
  echo "$input $*: $n parts"
}
for input in p.vcf.gz p.bcf; do
  check "$input" --ranges
  check "$input" --ranges --by rows --rows 1000
  check "$input" --ranges --by size --part-size 50K
  check "$input" --by rows --rows 1000
  check "$input" --by size --part-size 50K
done
check p.vcf --by chrom
check p.vcf --by rows --rows 5000
# regions rewritten as VCF and BCF (read by htslib's parser, through the index) merge into
# the whole file's
m2h-transform --format vcf --no-version -o whole.vcf p.vcf.gz
for input in p.vcf.gz p.bcf; do
  rm -rf parts
  m2h-split --ranges --by rows --rows 1000 -o parts "$input"
  n=$(($(wc -l < parts/manifest.tsv) - 1))
  for p in $(seq 1 "$n"); do
    m2h-transform --format vcf --no-version --manifest parts/manifest.tsv --part "$p" -o "parts/out-$(printf %03d "$p").vcf.gz"
  done
  m2h-merge --no-version -o merged.vcf parts/out-*.vcf.gz
  same whole.vcf merged.vcf
  echo "$input: $n regions as VCF, merged: the whole file's"
done

# Blocks named by text (phASER's PI and PG) whose PS is their first position: a region cut
# through a block still gives it the PS of its first position, before the region (the
# contig's records before the region are read for it), so the regions rewritten as VCF and
# BCF merge into the whole file's
m2h-simulate --read-backed --rows 20000 --chroms 2 --samples 4 --read-backed-samples 2 --seed 9 -o rb.vcf
awk 'BEGIN { FS = OFS = "\t" }
  /^##FORMAT=<ID=PS/ { print "##FORMAT=<ID=PI,Number=1,Type=String,Description=\"phASER block\">"
                       print "##FORMAT=<ID=PG,Number=1,Type=String,Description=\"phASER genotype\">"; next }
  /^#/ { print; next }
  { $9 = "GT:PI:PG"
    for (i = 10; i <= NF; i++) { split($i, c, ":"); u = c[1]; gsub(/\|/, "/", u); $i = c[1] ~ /\|/ ? u ":b" c[2] ":" c[1] : u ":.:." }
    print }' rb.vcf | bgzip > phaser.vcf.gz
bcftools index -t phaser.vcf.gz
bcftools view --no-version -Ob -o phaser.bcf phaser.vcf.gz
m2h-transform --format vcf --no-version -o phaser.whole.vcf phaser.vcf.gz
grep -q $'GT:PS\t0|1:[0-9]' phaser.whole.vcf || fail "test setup: no PS from phASER's blocks"
for input in phaser.vcf.gz phaser.bcf; do
  for format in vcf bcf; do
    rm -rf parts
    m2h-split --ranges --by rows --rows 1500 -o parts "$input"
    n=$(($(wc -l < parts/manifest.tsv) - 1))
    for p in $(seq 1 "$n"); do
      m2h-transform --format "$format" --no-version --manifest parts/manifest.tsv --part "$p" -o "parts/out-$(printf %03d "$p").$format"
    done
    m2h-merge --no-version -o merged.vcf parts/out-*."$format"
    same phaser.whole.vcf merged.vcf
  done
  echo "$input: $n regions with phASER blocks as VCF and BCF, merged: the whole file's"
done

# The region manifest: the file's absolute path, each contig's positions, its records
m2h-split --ranges -o r p.vcf.gz
head -n 1 r/manifest.tsv | grep -qx $'part\tkey\trows\tbytes\tpath\tregion' || fail "region manifest header: $(head -n 1 r/manifest.tsv)"
grep -v '^#' p.vcf | awk -v path="$PWD/p.vcf.gz" 'BEGIN { OFS = "\t" }
  $1 != c { if (n) print n, c, rows, bytes, path, c ":" first "-" last; n++; c = $1; first = $2; rows = 0; bytes = 0 }
  { rows++; last = $2; bytes += length($0) + 1 }
  END { print n, c, rows, bytes, path, c ":" first "-" last }' > want.tsv
tail -n +2 r/manifest.tsv | same want.tsv -
[ "$(ls r)" = manifest.tsv ] || fail "--ranges copied something: $(ls r)"
# part files: the input's kind, with its header
m2h-split --by chrom -o c p.bcf
ls c/part-000001-*.bcf > /dev/null || fail "no BCF parts: $(ls c)"
echo "region manifest and part files as expected"

# Errors: exit 2 or 1 with the reason, nothing left behind
expect_fail 1 "^m2h-split: --ranges reads the parts of 'p.vcf' through an index: compress it with bgzip" \
  m2h-split --ranges -o x p.vcf
absent x
# without an index of its own, m2h-split builds one beside the manifest, which the
# transforms read
cp p.bcf noindex.bcf
cp p.vcf.gz noindex.vcf.gz
for f in noindex.bcf noindex.vcf.gz; do
  rm -rf parts
  m2h-split --ranges --by rows --rows 1000 -o parts "$f"
  [ -s parts/variants.csi ] || fail "no index built for $f: $(ls parts)"
  [ ! -e "$f.csi" ] && [ ! -e "$f.tbi" ] || fail "an index written beside $f"
  check "$f" --ranges --by rows --rows 1000
done
grep -v '^#' p.vcf > body.txt
(grep '^#' p.vcf; awk '$1 == "chr2"' body.txt | sed -n 1,3p; awk '$1 == "chr1"' body.txt | sed -n 1,3p
 awk '$1 == "chr2"' body.txt | tail -n 1) > back.vcf
expect_fail 2 "^m2h-split: bad VCF record 'back.vcf' line [0-9]+: contig 'chr2' comes back after 'chr1'" m2h-split -o x back.vcf
absent x
(grep '^#' p.vcf; sed -n 1,3p body.txt | sort -k2,2nr) > unsorted.vcf
expect_fail 2 "^m2h-split: bad VCF record 'unsorted.vcf' line [0-9]+: POS [0-9]+ after [0-9]+ in 'chr1': the file is not sorted" \
  m2h-split -o x unsorted.vcf
absent x
# a bad record inside a region: named by its place in the region (no line numbers there)
awk 'BEGIN { OFS = "\t" } !/^#/ && $1 == "chr2" && ++n == 5 { $10 = $10 ":7" } { print }' p.vcf | bgzip > badrec.vcf.gz
bcftools index -t badrec.vcf.gz
m2h-split --ranges -o rb badrec.vcf.gz
expect_fail 2 "^m2h-transform: bad VCF record '$PWD/badrec.vcf.gz': record 5 of region chr2:[0-9]+-[0-9]+: sample '.*' has more fields" \
  m2h-transform --format hap --manifest rb/manifest.tsv --part 2 -o out.tsv
absent out.tsv
# the file changed after the split: the part's records no longer number what the manifest lists
m2h-split --ranges -o r2 p.bcf
head -n 15000 m.tsv > m15.tsv
m2h-transform --format bcf --no-version --write-index -o p.bcf m15.tsv
expect_fail 2 "^m2h-transform: part does not match the manifest 'r2/manifest.tsv': part 2 .* records, the manifest lists" \
  m2h-transform --format hap --manifest r2/manifest.tsv --part 2 -o out.tsv
absent out.tsv
pass
