# Phase extension in both workflows (extend_samples): on a read-backed phased VCF cut into
# parts, each sample of interest's NAME.extended/<sample>/ (one job a sample) holds exactly the
# files m2h-extend writes on the single tool's whole table (and so phase-extender 0.1.8's): with the output a
# VCF (the table made from the input) and a hap table (the output itself), every sample or a
# list, a reference panel as a refhap table or as a VCF, more m2h-extend options, a truth; their
# summary.tsv (blocks and N50 before and after, switch errors with a truth: m2h-extend's
# counts) and its chart, the same from both engines; a sample not in the table refused; and
# NAME.extended.vcf.gz, the extension written back into the input (indexed, the same from
# both engines, read by bcftools: one PS per extended block). Without extend_samples nothing
# of it is run or written.
source "$(dirname "$0")/lib.sh"

# 3 samples in read-backed blocks (the sample of interest and s01, s02), 4 phased whole
m2h-simulate --read-backed --rows 8000 --chroms 2 --samples 6 --read-backed-samples 2 --seed 3 \
  --panel panel.tsv --truth truth.tsv -o rb.vcf.gz
bcftools index rb.vcf.gz
# a panel as a VCF, its samples named apart from the table's
m2h-simulate --read-backed --rows 8000 --chroms 2 --samples 4 --read-backed-samples 0 --seed 4 -o panel.src.vcf
sed '/^#CHROM/{s/\tsoi/\tp00/;s/\ts0/\tp0/g}' panel.src.vcf | bgzip > panel.vcf.gz
m2h-transform --format hap -o whole.tsv rb.vcf.gz
m2h-transform --format refhap -o panel.vcf.tsv panel.vcf.gz

# want DIR SAMPLES [m2h-extend options]: m2h-extend on the whole table, a directory a sample
want() {
  local dir=$1 s
  shift
  local samples=$1
  shift
  mkdir -p "$dir"
  for s in ${samples//,/ }; do m2h-extend --input whole.tsv --SOI "$s" "$@" --output "$dir/$s" 2> "$dir/.$s.log" || fail "m2h-extend: $(cat "$dir/.$s.log")"; rm "$dir/.$s.log"; done
}
# check WANT GOT: the same files, byte for byte (but Snakemake's mark on a directory output)
check() {
  diff -r -x .snakemake_timestamp -x summary.tsv -x summary.svg "$1" "$2" > /dev/null \
    || fail "$2 differs from m2h-extend on the whole table: $(diff -rq "$1" "$2" | head -5)"
  # summary.tsv: a line a sample, fewer and longer blocks after
  [ "$(tail -n +2 "$2/summary.tsv" | wc -l)" -eq "$(ls "$1" | wc -l)" ] || fail "$2/summary.tsv: $(cat "$2/summary.tsv")"
  awk -F'\t' 'NR > 1 && !($3 < $2 && $5 > $4) { bad = 1 } END { exit bad }' "$2/summary.tsv" \
    || fail "$2/summary.tsv: not fewer, longer blocks: $(cat "$2/summary.tsv")"
  grep -q "sample.* extended: .* blocks joined into" "$2/summary.svg" || fail "$2/summary.svg: no chart of the extension"
  echo "$2: $(ls "$2" | tr '\n' ' ')identical to m2h-extend's"
}
# jobs LOG: the Snakemake run's per-sample extension jobs
jobs() { grep -c "^rule extend_sample:\|^localrule extend_sample:" "$1" || true; }
all=$(head -n 1 whole.tsv | tr '\t' '\n' | sed -n 's/:PI$//p' | paste -sd, -)
[ "$all" = soi,s01,s02 ] || fail "test setup: samples $all"

# Snakemake: a VCF output (the table made from the input), every sample, the panel as a refhap table
want want.all soi,s01,s02 --refHap panel.tsv
write_config all.yaml input=rb.vcf.gz output=sm/all.vcf.gz format=vcf split_by=rows rows_per_part=2000 \
  extend_samples=all extend_refhap=panel.tsv
wf all.sm.log --cores 2 --configfile all.yaml || fail "Snakemake: $(tail -20 all.sm.log)"
check want.all sm/all.extended
[ "$(jobs all.sm.log)" -eq 3 ] || fail "Snakemake: $(jobs all.sm.log) extend_sample jobs, not one per sample"
grep -q "extended: sm/all.extended/, sm/all.extended.vcf.gz" all.sm.log || fail "Snakemake's closing line does not name the extension"
# Nextflow: the same
nf all.nf.log --input rb.vcf.gz --output nf/all.vcf.gz --format vcf --split_by rows --rows_per_part 2000 \
  --extend_samples all --extend_refhap panel.tsv || fail "Nextflow: $(tail -30 all.nf.log)"
check want.all nf/all.extended
[ "$(trace_of nf | xargs awk -F'\t' '$4 == "M2H_EXTEND_SAMPLE" && $6 == "COMPLETED"' | wc -l)" -eq 3 ] \
  || fail "Nextflow: not one M2H_EXTEND_SAMPLE task per sample: $(cat "$(trace_of nf)")"
same sm/all.extended/summary.tsv nf/all.extended/summary.tsv
same sm/all.extended/summary.svg nf/all.extended/summary.svg
grep -q "extended: nf/all.extended/, nf/all.extended.vcf.gz" all.nf.log || fail "Nextflow's closing line does not name the extension"
# the extended VCF: the same from both engines and from the single tool, read back it is the
# extended tables; bcftools sees fewer phase sets than before
m2h-transform --format vcf --no-version --extended want.all/soi/extended_haplotype_soi.txt \
  --extended want.all/s01/extended_haplotype_s01.txt --extended want.all/s02/extended_haplotype_s02.txt \
  --write-index -o want.vcf.gz rb.vcf.gz
same want.vcf.gz sm/all.extended.vcf.gz
same want.vcf.gz nf/all.extended.vcf.gz
same want.vcf.gz.csi nf/all.extended.vcf.gz.csi
for s in soi s01 s02; do
  m2h-transform --format hap --samples "$s" -o "back.$s.tsv" sm/all.extended.vcf.gz
  awk -F'\t' 'NR == 1 || $5 != "."' "back.$s.tsv" | same "want.all/$s/extended_haplotype_$s.txt" -
  sets() { bcftools query -s "$s" -i 'GT="het"' -f '%CHROM[\t%PS]\n' "$1" | sort -u | wc -l; }
  [ "$(sets sm/all.extended.vcf.gz)" -lt "$(sets rb.vcf.gz)" ] || fail "$s: no fewer phase sets in the extended VCF"
done
echo "NAME.extended.vcf.gz: the single tool's, the extended tables read back, fewer phase sets"

# The hap table as the output (extended from it), a list, a VCF panel, more options, the truth
want want.list soi,s02 --refHap panel.vcf.tsv --numHets 25 --lods 3 --writeLOD yes --switch-errors truth.tsv
write_config list.yaml input=rb.vcf.gz output=sm/list.tsv format=hap split_by=rows rows_per_part=2000 \
  extend_samples=soi,s02 extend_refhap=panel.vcf.gz "extend_args=--numHets 25 --lods 3 --writeLOD yes" \
  extend_truth=truth.tsv
wf list.sm.log --cores 2 --configfile list.yaml || fail "Snakemake: $(tail -20 list.sm.log)"
check want.list sm/list.extended
nf list.nf.log --input rb.vcf.gz --output nf/list.tsv --format hap --split_by rows --rows_per_part 2000 \
  --extend_samples soi,s02 --extend_refhap panel.vcf.gz --extend_args '--numHets 25 --lods 3 --writeLOD yes' \
  --extend_truth truth.tsv || fail "Nextflow: $(tail -30 list.nf.log)"
check want.list nf/list.extended
same whole.tsv sm/list.tsv
same whole.tsv nf/list.tsv
same sm/list.extended/summary.tsv nf/list.extended/summary.tsv
# the switch errors are m2h-extend's (its switch_errors_<sample>.txt), before and after
for s in soi s02; do
  want_se=$(awk -F'\t' '$1 == "initial" { b = $4 } $1 == "extended" { a = $4 } END { print b, a }' "want.list/$s/switch_errors_$s.txt")
  got_se=$(awk -F'\t' -v s="$s" 'NR == 1 && ($6 != "switch_errors_before" || $7 != "switch_errors_after") { print "no columns"; exit }
    $1 == s { print $6, $7 }' sm/list.extended/summary.tsv)
  [ "$want_se" = "$got_se" ] || fail "$s: switch errors in summary.tsv '$got_se', m2h-extend's '$want_se'"
done
grep -q "switch errors: " sm/list.extended/summary.svg || fail "the chart has no switch errors"
echo "summary.tsv: switch errors $(cut -f1,6,7 sm/list.extended/summary.tsv | tail -n +2 | tr '\t\n' ' ')"

# A sample of interest the table does not have: refused, naming it
write_config bad.yaml input=rb.vcf.gz output=sm/bad.tsv format=hap extend_samples=soi,nosuch
wf bad.sm.log --cores 2 --configfile bad.yaml && fail "Snakemake extended a sample the table lacks"
grep -q "extend_samples: not in .*: nosuch" sm/logs/bad/extend_samples.log || fail "Snakemake: no reason given: $(tail bad.sm.log)"
nf bad.nf.log --input rb.vcf.gz --output nf/bad.tsv --format hap --extend_samples soi,nosuch \
  && fail "Nextflow extended a sample the table lacks"
grep -q "extend_samples: not in .*: nosuch" bad.nf.log || fail "Nextflow: no reason given: $(tail -30 bad.nf.log)"

# Without extend_samples: no extension step, nothing written
write_config none.yaml input=rb.vcf.gz output=sm/none.tsv format=hap
wf none.sm.log --cores 2 --configfile none.yaml || fail "Snakemake: $(tail -20 none.sm.log)"
[ ! -e sm/none.extended ] && ! grep -q "rule extend" none.sm.log || fail "Snakemake extended without extend_samples"
pass
