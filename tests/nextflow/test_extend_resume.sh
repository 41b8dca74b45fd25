# Resume during the phase extension, both engines: a run extending six samples of interest,
# one job at a time, is killed with SIGKILL once some samples' extensions have finished and
# another runs (Snakemake with its running job, as a crash would; Nextflow alone, as a login
# node that died). The rerun (Snakemake --rerun-incomplete, Nextflow -resume) extends again
# none of the samples that had finished, leaves no hidden temporary, and every extension
# output equals m2h-extend's on the whole table (and the extended VCF the single tool's).
source "$(dirname "$0")/lib.sh"

# Six samples in read-backed blocks, four phased whole: a few seconds an extension.
m2h-simulate --read-backed --rows 300000 --chroms 2 --samples 9 --read-backed-samples 5 --seed 8 -o rb.vcf.gz
m2h-transform --format hap -o whole.tsv rb.vcf.gz
samples="soi s01 s02 s03 s04 s05"
mkdir want
extended=()
for s in $samples; do
  m2h-extend --input whole.tsv --SOI "$s" --output "want/$s" 2> /dev/null || fail "m2h-extend --SOI $s"
  extended+=(--extended "want/$s/extended_haplotype_$s.txt")
done
m2h-transform --format vcf --no-version "${extended[@]}" --write-index -o want.vcf.gz rb.vcf.gz
echo "m2h-extend on the whole table: $(for s in $samples; do echo -n "$s "; done)"

# check DIR STEM: every sample's files, the extended VCF, no temporaries
check() {
  for s in $samples; do
    diff -r -x .snakemake_timestamp "want/$s" "$1/$2.extended/$s" > /dev/null \
      || fail "$1: $s differs from m2h-extend's: $(diff -rq "want/$s" "$1/$2.extended/$s" | head -3)"
  done
  [ "$(tail -n +2 "$1/$2.extended/summary.tsv" | wc -l)" -eq 6 ] || fail "$1: summary.tsv: $(cat "$1/$2.extended/summary.tsv")"
  same want.vcf.gz "$1/$2.extended.vcf.gz"
  [ -z "$(find "$1" -name '.*.tmp.*')" ] || fail "$1: hidden temporaries left: $(find "$1" -name '.*.tmp.*')"
}
count() { echo "$1" | grep -c . || true; }

# Snakemake
write_config c.yaml input=rb.vcf.gz output=sm/t.vcf.gz format=vcf extend_samples=soi,s01,s02,s03,s04,s05
echo "+ snakemake --cores 1 --configfile c.yaml (to be killed)"
setsid "$SNAKEMAKE" -s "$SNAKEFILE" --cores 1 --configfile c.yaml > sm1.log 2>&1 &
pid=$!
for _ in $(seq 1 3000); do
  done_n=$(count "$(finished_outputs sm1.log extend_sample)")
  [ "$done_n" -ge 2 ] && [ "$(count "$(started_outputs sm1.log extend_sample)")" -gt "$done_n" ] && break
  kill -0 "$pid" 2>/dev/null || fail "Snakemake: the run ended before it could be killed: $(tail sm1.log)"
  sleep 0.02
done
kill -9 -- "-$(ps -o pgid= "$pid" | tr -d ' ')"
wait "$pid" 2>/dev/null || true
finished=$(finished_outputs sm1.log extend_sample | sort)
[ "$(count "$finished")" -ge 2 ] && [ "$(count "$finished")" -lt 6 ] || fail "Snakemake: killed with $(count "$finished") of 6 extensions done"
[ ! -e sm/t.extended/summary.tsv ] && [ ! -e sm/t.extended.vcf.gz ] || fail "Snakemake: a killed run left a final output"
wf sm-unlock.log --cores 1 --configfile c.yaml --unlock || fail "Snakemake: unlock: $(cat sm-unlock.log)"
wf sm2.log --cores 1 --configfile c.yaml --rerun-incomplete || fail "Snakemake: resumed run: $(tail -20 sm2.log)"
rerun=$(started_outputs sm2.log extend_sample | sort)
[ -z "$(comm -12 <(echo "$finished") <(echo "$rerun"))" ] || fail "Snakemake: finished extensions ran again: $(comm -12 <(echo "$finished") <(echo "$rerun"))"
[ $(( $(count "$finished") + $(count "$rerun") )) -eq 6 ] || fail "Snakemake: 6 extensions expected: finished $finished, rerun $rerun"
# The split had finished: it does not run again (the kill may fall after the merge and
# before the chart; the split's temporary directory is kept until both have run).
if [ -n "$(finished_outputs sm1.log split)" ]; then
  [ -z "$(started_outputs sm2.log split)" ] \
    || fail "Snakemake: the finished split ran again: $(grep -A12 '^\(local\)\?checkpoint split:' sm2.log | grep -m1 'reason:')"
fi
check sm t
echo "Snakemake: killed with $(count "$finished") extensions finished; resumed, $(count "$rerun") run"

# Nextflow
printf 'process.maxForks = 1\n' > one-at-a-time.config
args=(--input rb.vcf.gz --output nf/t.vcf.gz --format vcf --extend_samples soi,s01,s02,s03,s04,s05 -c one-at-a-time.config)
echo "+ nextflow run workflow/main.nf ${args[*]} (to be killed)"
setsid "$NEXTFLOW" run "$MAIN_NF" "${args[@]}" > nf1.log 2>&1 &
pid=$!
done_extensions() { cat nf/pipeline_info/trace_*.txt 2>/dev/null | grep -cP "\tM2H_EXTEND_SAMPLE\t.*\tCOMPLETED\t" || true; }
for _ in $(seq 1 3000); do
  [ "$(done_extensions)" -ge 2 ] && break
  kill -0 "$pid" 2>/dev/null || fail "Nextflow: the run ended before it could be killed: $(tail nf1.log)"
  sleep 0.05
done
kill -9 "$pid"
wait "$pid" 2>/dev/null || true
first=$(trace_of nf)
finished=$(trace_rows "$first" M2H_EXTEND_SAMPLE tag,status | awk -F'\t' '$2 == "COMPLETED" { print $1 }' | sort)
[ "$(count "$finished")" -ge 2 ] && [ "$(count "$finished")" -lt 6 ] || fail "Nextflow: killed with $(count "$finished") of 6 extensions done"
[ ! -e nf/t.extended/summary.tsv ] || fail "Nextflow: a killed run published the summary"
sleep 1   # a new trace file name (it has the second in it)
nf nf2.log "${args[@]}" -resume || fail "Nextflow: resumed run: $(tail -30 nf2.log)"
second=$(trace_of nf)
[ "$second" != "$first" ] || fail "Nextflow: the resumed run wrote no trace of its own"
cached=$(trace_rows "$second" M2H_EXTEND_SAMPLE tag,status | awk -F'\t' '$2 == "CACHED" { print $1 }' | sort)
ran=$(trace_rows "$second" M2H_EXTEND_SAMPLE tag,status | awk -F'\t' '$2 == "COMPLETED" { print $1 }' | sort)
[ "$cached" = "$finished" ] || fail "Nextflow: cached extensions ($cached) are not those that had finished ($finished)"
[ $(( $(count "$cached") + $(count "$ran") )) -eq 6 ] || fail "Nextflow: 6 extensions expected: cached $cached, ran $ran"
if [ "$(trace_rows "$first" M2H_SPLIT status)" = COMPLETED ]; then
  [ "$(trace_rows "$second" M2H_SPLIT status)" = CACHED ] || fail "Nextflow: the finished split was redone"
fi
check nf t
echo "Nextflow: killed with $(count "$finished") extensions finished; resumed, $(count "$cached") cached, $(count "$ran") run"
pass
