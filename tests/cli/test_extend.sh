# m2h-extend: phase-extender 0.1.8's files for a small read-backed table (golden files made
# by 0.1.8 itself: tests/data/extend, with rows at one position, blocks starting at one
# position, a block inside another's span, indels and '*' alleles, two numeric contigs), the
# same with threads, from stdin, rendered numbers; where 0.1.8 fails (--snpTh, maxSum
# without sites, bad genotypes, --bed, an existing directory); the figures and the scorer.
source "$(dirname "$0")/lib.sh"
D=$M2H_DATA/extend
T=$D/table.tsv

golden() {  # golden DIR OUT: every text file of DIR, byte for byte
  local f
  for f in "$1"/*.txt; do same "$f" "$2/$(basename "$f")"; done
  [ "$(ls "$2"/*.txt | wc -l)" -eq "$(ls "$1"/*.txt | wc -l)" ] || fail "$2: other files than $1's: $(ls "$2")"
}
m2h-extend --input "$T" --SOI soi --output default
golden "$D/default" default
m2h-extend --input "$T" --SOI soi --refHap "$D/panel.tsv" --numHets 10 --lods 3 --writeLOD yes --hapStats yes \
  --addMissingSites yes --output panel
golden "$D/panel" panel
m2h-extend --input "$T" --SOI soi --culLH maxSum --useSample s01,s02 --writeLOD yes -o sum
golden "$D/sum" sum
# contigs in parallel, from stdin: the same files; default output directory <SOI>_extended
m2h-extend --input - --SOI soi --refHap "$D/panel.tsv" --numHets 10 --lods 3 --writeLOD yes --hapStats yes \
  --addMissingSites yes --threads 3 < "$T"
golden "$D/panel" soi_extended
# Numbers pandas rewrites: PI '0' + the block's first position is the same block to 0.1.8
# (an integer column), and written without its zero; read twice (only such a table is).
awk -F'\t' 'BEGIN { OFS = "\t" } NR > 1 && $5 != "." && NR % 3 == 0 { $5 = "0" $5 } { print }' "$T" > zeros.tsv
awk -F'\t' 'BEGIN { OFS = "\t" } NR > 1 && $5 == "." { $5 = 1; $6 = "A|A" } { print }' zeros.tsv > ints.tsv
awk -F'\t' 'BEGIN { OFS = "\t" } NR > 1 && $5 == "." { $5 = 1; $6 = "A|A" } { print }' "$T" > ints0.tsv
m2h-extend --input ints.tsv --SOI soi -o ints
m2h-extend --input ints0.tsv --SOI soi -o ints0
same ints0/extended_haplotype_soi.txt ints/extended_haplotype_soi.txt
grep -q $'\t0[0-9]' ints/initial_haplotype_soi.txt && fail "the initial table keeps a leading zero of an integer column"
expect_fail 1 "numbers pandas would rewrite.*not on standard input" m2h-extend --input - --SOI soi -o ints_stdin < ints.tsv

# Where 0.1.8 fails, m2h-extend works.
m2h-extend --input "$T" --SOI soi --snpTh 8 --writeLOD yes -o snp8   # 0.1.8: TypeError for any --snpTh
m2h-extend --input "$T" --SOI soi --snpTh 3 --writeLOD yes -o snp3
same "$D/default/initial_haplotype_soi.txt" snp3/initial_haplotype_soi.txt
blocks() { cut -f5 "$1" | tail -n +2 | sort -u | wc -l; }
[ "$(blocks snp8/extended_haplotype_soi.txt)" -gt "$(blocks snp3/extended_haplotype_soi.txt)" ] \
  || fail "--snpTh 8 joined as many blocks as --snpTh 3"
m2h-extend --input "$T" --SOI soi --numHets 1 --culLH maxSum --writeLOD yes -o nosites   # 0.1.8: 0/0
[ "$(blocks nosites/extended_haplotype_soi.txt)" -eq "$(blocks nosites/initial_haplotype_soi.txt)" ] \
  || fail "blocks joined without a site"
# --bed: only rows inside an interval are extended, with the blocks of that interval; the
# others are written as they were (0.1.8 repeats every row once per interval instead)
printf '1\t1\t300\n1\t400\t500\n2\t1\t800\n' > r.bed
m2h-extend --input "$T" --SOI soi --bed r.bed -o bed
outside() { awk -F'\t' 'FNR > 1 && !(($1 == 1 && ($2 <= 300 || ($2 >= 400 && $2 <= 500))) || ($1 == 2 && $2 <= 800))' "$1"; }
same <(outside default/initial_haplotype_soi.txt) <(outside bed/extended_haplotype_soi.txt)
[ "$(wc -l < bed/extended_haplotype_soi.txt)" -le "$(wc -l < default/initial_haplotype_soi.txt)" ] || fail "--bed repeated rows"
[ "$(blocks bed/extended_haplotype_soi.txt)" -lt "$(blocks bed/initial_haplotype_soi.txt)" ] || fail "--bed joined nothing"

# Bad input: exit 2, file and line named, no output directory.
row_of() { awk -F'\t' -v want="$1" 'NR > 1 && $5 != "." && $6 ~ /^[ACGT]\|[ACGT]$/ { if (++n == want) { print NR; exit } }' "$T"; }
r=$(row_of 3)
awk -F'\t' -v r="$r" 'BEGIN { OFS = "\t" } NR == r { $6 = "0|1" } { print }' "$T" > numbers.tsv
expect_fail 2 "^m2h-extend: bad genotype 'numbers.tsv' line $r: '0\|1' of sample soi: allele numbers" \
  m2h-extend --input numbers.tsv --SOI soi -o bad
absent bad
awk -F'\t' -v r="$r" 'BEGIN { OFS = "\t" } NR == r { $6 = tolower($6) } { print }' "$T" > lower.tsv
expect_fail 2 "^m2h-extend: bad genotype 'lower.tsv' line $r: '[acgt]\|[acgt]' of sample soi: lower-case" \
  m2h-extend --input lower.tsv --SOI soi -o bad
awk -F'\t' -v r="$r" 'BEGIN { OFS = "\t" } NR == r { sub(/\|/, "/", $6) } { print }' "$T" > unphased.tsv
expect_fail 2 "^m2h-extend: unphased genotype 'unphased.tsv' line $r: '[ACGT]/[ACGT]' of sample soi in block" \
  m2h-extend --input unphased.tsv --SOI soi -o bad
absent bad
# N inside a window tells nothing (0.1.8: KeyError): the site is left out of the likelihoods
awk -F'\t' -v r="$r" 'BEGIN { OFS = "\t" } NR == r { sub(/^[ACGT]/, "N", $6) } { print }' "$T" > n.tsv
m2h-extend --input n.tsv --SOI soi -o n
(head -n 1 "$T"; tail -n +2 "$T" | sort -t$'\t' -k1,1 -k2,2nr) > unsorted.tsv
expect_fail 2 "^m2h-extend: unsorted haplotype table 'unsorted.tsv' line 3: 1 position [0-9]+ after [0-9]+: sort" \
  m2h-extend --input unsorted.tsv --SOI soi -o bad
(head -n 1 "$T"; awk 'NR > 1 && $1 == 1' "$T" | head -5; awk 'NR > 1 && $1 == 2' "$T" | head -5; awk 'NR > 1 && $1 == 1' "$T" | tail -5) > again.tsv
expect_fail 2 "^m2h-extend: unsorted haplotype table 'again.tsv' line 12: contig '1' again" m2h-extend --input again.tsv --SOI soi -o bad
expect_fail 2 "^m2h-extend: no sample of interest '$T' line 1: the header has no 'nobody:PI' and 'nobody:PG_al'" \
  m2h-extend --input "$T" --SOI nobody -o bad
expect_fail 2 "^m2h-extend: sample without its columns '$T' line 1: no 'x:PI' and 'x:PG_al' columns for sample 'x'" \
  m2h-extend --input "$T" --SOI soi --useSample s01,x -o bad
awk -F'\t' 'BEGIN { OFS = "\t" } NR == 7 { NF = NF - 1 } { print }' "$T" > ragged.tsv
expect_fail 2 "^m2h-extend: bad row 'ragged.tsv' line 7: [0-9]+ columns where the header has [0-9]+" \
  m2h-extend --input ragged.tsv --SOI soi -o bad
absent bad
# The output's missing parents are made (phase-extender's makedirs), and removed again when
# the run fails.
m2h-extend --input "$T" --SOI soi -o made/with/parents
for f in "$D"/default/*.txt; do same "$f" "made/with/parents/$(basename "$f")"; done
mkdir made2
expect_fail 2 "^m2h-extend: bad row 'ragged.tsv' line 7" m2h-extend --input ragged.tsv --SOI soi -o made2/a/b
[ -z "$(ls -A made2)" ] || fail "a failed run left its parents: $(ls -AR made2)"
touch afile
expect_fail 2 "^m2h-extend: cannot create directory 'afile/x': Not a directory$" m2h-extend --input "$T" --SOI soi -o afile/x
expect_fail 1 "--culLH: maxPD not in" m2h-extend --input "$T" --SOI soi --culLH maxPD -o bad
expect_fail 1 "--SOI is required" m2h-extend --input "$T"

# An existing directory: never deleted; refused unless --force, which replaces this sample's
# files (those this run does not write included) and keeps the rest.
mkdir keep && echo mine > keep/notes.txt
expect_fail 1 "^m2h-extend: --output 'keep' exists and is not empty: give --force" m2h-extend --input "$T" --SOI soi -o keep
m2h-extend --input "$T" --SOI soi --addMissingSites yes --force -o keep
[ -f keep/extended_haplotype_soi_allsites.txt ] || fail "--force wrote no _allsites"
m2h-extend --input "$T" --SOI soi --force -o keep
[ -f keep/notes.txt ] || fail "--force removed a file of the user's"
[ ! -e keep/extended_haplotype_soi_allsites.txt ] || fail "--force kept the last run's _allsites"
for f in "$D"/default/*.txt; do same "$f" "keep/$(basename "$f")"; done
expect_fail 1 "--output 'afile' exists and is not a directory" m2h-extend --input "$T" --SOI soi -o afile

# --hapStats draws the four figures of each stage, as SVG; --switch-errors scores the blocks
# before and after against the truth; --stats the run's figures and memory.
for f in total_vars total_haps hap_size_byVar hap_size_byGenomicRange; do
  for stage in initial final; do
    /usr/bin/python3 -c "import sys, xml.etree.ElementTree as E; E.parse(sys.argv[1])" "panel/${f}_soi_$stage.svg" \
      || fail "panel/${f}_soi_$stage.svg is not SVG"
  done
done
m2h-simulate --read-backed --rows 20000 --chroms 3 --seed 5 --panel p.tsv --truth truth.tsv -o s.tsv
m2h-extend --input s.tsv --SOI soi --refHap p.tsv --switch-errors truth.tsv --stats stats.tsv -o scored 2> scored.log
grep -q "^m2h-extend: soi: [0-9]* blocks -> [0-9]*, switch errors 0 -> [0-9]*" scored.log || fail "no score line: $(cat scored.log)"
awk -F'\t' 'NR == 2 { before = $2 } NR == 3 { after = $2; rate = $5 } END { exit !(after < before / 10 && rate < 0.02) }' \
  scored/switch_errors_soi.txt || fail "blocks not joined or many switch errors: $(cat scored/switch_errors_soi.txt)"
# A truth of several samples (every table sample's <sample>:a <sample>:b; a b the SOI's):
# --switch-errors scores the --SOI's columns, and refuses a truth without them
m2h-simulate --read-backed --rows 4000 --chroms 2 --seed 6 --samples 3 --read-backed-samples 1 --truth t3.tsv -o s3.tsv
head -n 1 t3.tsv | grep -qx $'CHROM\tPOS\ta\tb\tsoi:a\tsoi:b\ts01:a\ts01:b\ts02:a\ts02:b\ts03:a\ts03:b' \
  || fail "truth header: $(head -n 1 t3.tsv)"
cmp -s <(cut -f3,4 t3.tsv | tail -n +2) <(cut -f5,6 t3.tsv | tail -n +2) || fail "the truth's a b are not soi's"
m2h-extend --input s3.tsv --SOI s01 --switch-errors t3.tsv -o s3.s01 2> s3.log || fail "s01 against its truth: $(cat s3.log)"
awk -F'\t' 'NR == 2 { exit !($2 > 20 && $4 == 0) }' s3.s01/switch_errors_s01.txt \
  || fail "s01's read-backed blocks against its own truth: $(cat s3.s01/switch_errors_s01.txt)"
cut -f1-6 t3.tsv > t3.soi.tsv
expect_fail 2 "no truth for sample 's01'" m2h-extend --input s3.tsv --SOI s01 --switch-errors t3.soi.tsv -o s3.none
absent s3.none
head -n 1 stats.tsv | grep -qx $'input\tsoi\tcontigs\trows_read\tmissing_rows\tblocks_before\tblocks_after\twall_s\tmax_rss_mib' \
  || fail "stats header: $(head -n 1 stats.tsv)"
awk -F'\t' -v limit="$(memory_limit)" 'NR == 2 { exit !($3 == 3 && $4 == 20000 && $9 < limit) }' stats.tsv \
  || fail "stats: $(tail -n 1 stats.tsv)"

# m2h-simulate --read-backed into a VCF (-o NAME.vcf.gz): the same phasing as GT| with an
# Integer PS, the block's first position (a sample phased whole: the contig's first); read
# back, the read-backed samples' columns are the table's, and so is the extension
args=(--read-backed --rows 6000 --chroms 2 --samples 6 --read-backed-samples 2 --missing-rate 0.05 --indel-rate 0.05
      --star-rate 0.05 --seed 8)
m2h-simulate "${args[@]}" -o rb.tsv
m2h-simulate "${args[@]}" -o rb.vcf.gz
bgzip -dc rb.vcf.gz > rb.vcf
grep -q $'^#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tsoi\ts01\ts02\ts03' rb.vcf || fail "VCF samples"
[ "$(bcftools view -H rb.vcf.gz | wc -l)" -eq 6000 ] || fail "bcftools reads not 6000 records"
m2h-transform --format hap -o rb.vcf.tsv rb.vcf.gz
cmp -s <(cut -f1-10 rb.tsv) <(cut -f1-10 rb.vcf.tsv) || fail "the read-backed samples' columns differ from the table's"
first=$(awk '$1 == "chr2" { print $2; exit }' rb.vcf)
awk -F'\t' -v f="$first" '$1 == "chr2" && $11 != "." && $11 != f { bad = 1 } END { exit bad }' rb.vcf.tsv \
  || fail "a sample phased whole: PS is not the contig's first position ($first)"
m2h-extend --input rb.tsv --SOI soi -o rb.ext
m2h-extend --input rb.vcf.tsv --SOI soi -o rb.vcf.ext
same rb.ext/extended_haplotype_soi.txt rb.vcf.ext/extended_haplotype_soi.txt

# The extension back into the VCF (m2h-transform --extended): the sample's calls as extended,
# GT| with PS the extended block's first position; read back, its phased rows are exactly
# m2h-extend's extended table, in fewer blocks; the other samples' calls as they were
m2h-extend --input rb.vcf.tsv --SOI s01 --writeLOD yes -o rb.s01.ext   # a log2odds column more
m2h-transform --format vcf --no-version --extended rb.vcf.ext/extended_haplotype_soi.txt \
  --extended rb.s01.ext/extended_haplotype_s01.txt --write-index -o ext.vcf.gz rb.vcf.gz
for s in soi s01; do
  m2h-transform --format hap --samples "$s" -o "back.$s.tsv" ext.vcf.gz
  ext=rb.vcf.ext/extended_haplotype_soi.txt
  [ "$s" = soi ] || ext=rb.s01.ext/extended_haplotype_s01.txt
  awk -F'\t' 'NR == 1 || $5 != "."' "back.$s.tsv" | same <(cut -f1-6 "$ext") -
  before=$(cut -f5 rb.vcf.tsv | sort -u | wc -l) after=$(cut -f5 "$ext" | sort -u | wc -l)
  [ "$after" -lt "$before" ] || fail "$s: $before blocks before, $after after"
done
m2h-transform --format hap --samples ^soi,s01 -o others.ext.tsv ext.vcf.gz
m2h-transform --format hap --samples ^soi,s01 -o others.tsv rb.vcf.gz
same others.tsv others.ext.tsv
expect_fail 1 "^m2h-transform: --extended rewrites the calls of VCF/BCF output" \
  m2h-transform --format hap --extended rb.vcf.ext/extended_haplotype_soi.txt -o x.tsv rb.vcf.gz
expect_fail 1 "^m2h-transform: --extended '.*': sample 'soi' is not among the samples" \
  m2h-transform --format vcf --samples s01 --extended rb.vcf.ext/extended_haplotype_soi.txt -o x.vcf rb.vcf.gz
absent x.tsv x.vcf
pass
