# The Nextflow pipeline cannot run here (Nextflow is not installable offline), so this test
# checks what can be checked: every .nf and .config file parses as Groovy (a broken copy
# must not), the parameters are the Snakemake config's keys, and every process runs the same
# step script (workflow/bin/m2h-wf-*) as the matching Snakemake rule, with as many arguments
# as the script takes.
set -euo pipefail
: "${M2H_SRC:?set M2H_SRC}"
fail() { echo "FAIL: $*" >&2; exit 1; }
work=$(mktemp -d "${TMPDIR:-/tmp}/m2h-nf.XXXXXX")
trap 'rm -rf "$work"' EXIT
command -v groovy >/dev/null || fail "groovy not found (apt-get install groovy)"
export JAVA_HOME=${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}
wf=$M2H_SRC/workflow
files=("$wf/main.nf" "$wf"/modules/*.nf "$wf/nextflow.config" "$wf"/conf/*.config)
groovy "$M2H_SRC/tests/nextflow/parse.groovy" "${files[@]}" > "$work/parse.log" 2>&1 || fail "$(cat "$work/parse.log")"
[ "$(grep -c '^parsed ' "$work/parse.log")" -eq "${#files[@]}" ] || fail "not every file parsed: $(cat "$work/parse.log")"
# The check can fail: a missing brace is a syntax error.
sed '0,/^}/s/^}//' "$wf/modules/split.nf" > "$work/broken.nf"
groovy "$M2H_SRC/tests/nextflow/parse.groovy" "$work/broken.nf" > "$work/broken.log" 2>&1 && fail "a broken module parsed"
grep -q "syntax error in $work/broken.nf" "$work/broken.log" || fail "no syntax error reported: $(cat "$work/broken.log")"

# Parameters: the Snakemake config's keys, the same defaults for the shared ones.
for key in input header samples format output split_by rows_per_part scatter; do
  grep -Eq "^    $key +=" "$wf/nextflow.config" || fail "nextflow.config lacks params.$key"
  grep -q "^  $key:" "$wf/schemas/config.schema.yaml" || fail "the Snakemake schema lacks $key"
done
for kv in "format vcf" "samples auto" "split_by chrom" "rows_per_part 1000000" "scatter copy" "output results/example/example.vcf.gz"; do
  set -- $kv
  grep -Eq "^$1: \"?$2\"?$" "$M2H_SRC/config/config.yaml" || fail "config.yaml default of $1 is not $2"
  grep -Eq "^    $1 += '?$2'?( |$)" "$wf/nextflow.config" || fail "nextflow.config default of $1 is not $2"
done

# Each process and rule runs its step script with the arity the script's usage line gives.
arity() {  # arity SCRIPT: number of positional arguments in its usage line (options not counted)
  grep -m1 -o "usage: $1 [^\"]*" "$wf/bin/$1" | sed 's/\[[^]]*\]//g' | awk '{ print NF - 2 }'
}
calls() {  # calls FILE SCRIPT: the argument counts of every call of SCRIPT in FILE
  grep -E "^ *\"?$2 " "$1" | sed -E "s/^ *\"?//; s/( 2>|\").*//; s/\\$\\{header_opt\\}//; s/\\{params.header\\}//" |
    awk '{ print NF - 1 }'
}
check() {  # check FILE SCRIPT
  local n want
  want=$(arity "$2")
  n=$(calls "$1" "$2")
  [ -n "$n" ] || fail "$(basename "$1") does not call $2"
  for c in $n; do [ "$c" -eq "$want" ] || fail "$(basename "$1") calls $2 with $c arguments, it takes $want"; done
}
check "$wf/modules/split.nf" m2h-wf-split
check "$wf/modules/transform.nf" m2h-wf-transform
check "$wf/modules/merge.nf" m2h-wf-summary
check "$wf/modules/merge.nf" m2h-wf-merge
check "$wf/rules/split.smk" m2h-wf-split
check "$wf/rules/transform.smk" m2h-wf-transform
check "$wf/rules/merge.smk" m2h-wf-summary
check "$wf/rules/merge.smk" m2h-wf-merge
# nf-core conventions every process keeps.
for f in "$wf"/modules/*.nf; do
  n=$(grep -c '^process ' "$f")
  for word in "tag " "label 'process_" "stub:" "versions.yml\|summary.tsv"; do
    [ "$(grep -c "$word" "$f")" -ge "$n" ] || fail "$(basename "$f"): a process lacks '$word'"
  done
done
echo "PASS: test_pipeline.sh"
