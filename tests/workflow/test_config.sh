# A bad config stops the workflow before any job, with one line naming the problem (as
# Nextflow's parameter check does); --verbose adds Snakemake's traceback.
source "$(dirname "$0")/lib.sh"

m2h-simulate --rows 200 --chroms 2 -o m.tsv
printf 'sample\thap1\thap2\ns1\t1a\tnope\n' > bad_sheet.tsv
printf 'name\ta\tb\n' > bad_header_sheet.tsv

# refused CONFIG_LINES... REGEX: the run fails, the message matches, no job started.
refused() {
  local pattern=${*: -1} n=$((${#@} - 1))
  write_config c.yaml "${@:1:$n}"
  local rc=0
  wf c.log --cores 1 --configfile c.yaml || rc=$?
  [ "$rc" -ne 0 ] || fail "config ${*:1:$n} was accepted"
  grep -Eq -- "^matrix2hap config: $pattern" c.log || fail "config ${*:1:$n}: no message /$pattern/: $(cat c.log)"
  # One line, no traceback (that only with --verbose).
  ! grep -Eq 'Traceback|WorkflowError|SystemExit|File "' c.log || fail "config ${*:1:$n}: more than the line: $(cat c.log)"
  ! grep -Eq '^(rule|checkpoint) ' c.log || fail "config ${*:1:$n}: a job started"
  [ ! -e out ] || fail "config ${*:1:$n}: output directory created"
}

refused input=missing.tsv output=out/x.vcf.gz "input: 'missing.tsv' does not exist"
refused input=m.tsv output=out/x.vcf.gz format=vfc "format: 'vfc' is not one of"
refused input=m.tsv output=out/x.vcf.gz samples=bad_sheet.tsv "samples: 'bad_sheet.tsv' line 2: column 'nope' is not in the matrix header"
refused input=m.tsv output=out/x.vcf.gz samples=none.tsv "samples: sample sheet 'none.tsv' does not exist"
refused input=m.tsv output=out/x.vcf.gz samples=bad_header_sheet.tsv "samples: 'bad_header_sheet.tsv' line 1: expected the header"
refused input=m.tsv output=out/x.vcf.gz formt=vcf "unknown key 'formt'"
refused input=m.tsv output=out/x.vcf.gz split_by=contig "split_by: 'contig' is not one of"
refused input=m.tsv output=out/x.tsv format=vcf "output: 'out/x.tsv' does not suit format 'vcf'"
refused input=m.tsv output=out/x.vcf.gz header=nothere.txt "header: 'nothere.txt' does not exist"
refused input=m.tsv output=out/x.vcf.gz contig_lengths=ref.fai "contig_lengths: 'ref.fai' does not exist"
# --verbose adds Snakemake's traceback.
write_config c.yaml input=m.tsv output=out/x.vcf.gz format=vfc
wf c.log --cores 1 --configfile c.yaml --verbose && fail "a bad format was accepted with --verbose"
grep -q "matrix2hap config: format: 'vfc'" c.log && grep -Eq 'Traceback|WorkflowError' c.log || fail "--verbose: no traceback: $(cat c.log)"
# nested keys and types are named too
write_config c.yaml input=m.tsv output=out/x.vcf.gz
printf 'resources:\n  split: {threads: 2, mem_mb: 256, runtime: 60, memory: 3}\n' >> c.yaml
wf c.log --cores 1 --configfile c.yaml && fail "a nested unknown key was accepted"
grep -q "^matrix2hap config: unknown key 'resources.split.memory'" c.log || fail "nested key: $(cat c.log)"
write_config c.yaml input=m.tsv output=out/x.vcf.gz
echo "rows_per_part: many" >> c.yaml
wf c.log --cores 1 --configfile c.yaml && fail "a string rows_per_part was accepted"
grep -q "^matrix2hap config: rows_per_part: 'many' is not of type 'integer'" c.log || fail "type: $(cat c.log)"
pass
