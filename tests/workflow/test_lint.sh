# Snakemake workflow catalog conventions: `snakemake --lint` finds nothing, `snakefmt
# --check` passes on the Snakefile and every .smk, and the catalog's files are there. Each
# check can fail: a copy of the workflow with a lint finding (an output used by index in a
# shell command) and a badly formatted rule are both caught. Snakemake 8+ only (the venv's
# snakefmt and lints).
source "$(dirname "$0")/lib.sh"
[ "$SNAKEMAKE_MAJOR" -ge 8 ] || fail "test_lint.sh needs Snakemake 8 or later"
SNAKEFMT=$(dirname "$SNAKEMAKE")/snakefmt
[ -x "$SNAKEFMT" ] || fail "snakefmt not found beside $SNAKEMAKE (make venv)"
smk=("$M2H_SRC/workflow/Snakefile" "$M2H_SRC"/workflow/rules/*.smk)

"$SNAKEMAKE" -s "$SNAKEFILE" --lint > lint.log 2>&1 || fail "snakemake --lint: $(cat lint.log)"
grep -q "Congratulations, your workflow is in a good condition" lint.log || fail "snakemake --lint: $(cat lint.log)"
echo "snakemake --lint: $(tail -n 1 lint.log)"
"$SNAKEFMT" --check "${smk[@]}" > fmt.log 2>&1 || fail "snakefmt --check: $(cat fmt.log)"
echo "snakefmt --check: ${#smk[@]} files formatted"
for f in .snakemake-workflow-catalog.yml config/README.md config/config.yaml workflow/Snakefile; do
  [ -s "$M2H_SRC/$f" ] || fail "the catalog expects $f"
done
# Every config key is explained in config/README.md.
for key in $(sed -n 's/^\([a-z_]*\):.*/\1/p' "$M2H_SRC/config/config.yaml"); do
  grep -q "\`$key\`" "$M2H_SRC/config/README.md" || fail "config/README.md does not explain '$key'"
done

cp -r "$M2H_SRC/workflow" "$M2H_SRC/config" .
sed -i 's/{output.merged:q}/{output[0]:q}/' workflow/rules/merge.smk
grep -q 'output\[0\]' workflow/rules/merge.smk || fail "test setup: merge.smk unchanged"
"$SNAKEMAKE" -s workflow/Snakefile --lint > bad-lint.log 2>&1 && fail "a lint finding passed: $(cat bad-lint.log)"
grep -q "by index in shell commands" bad-lint.log || fail "the finding was not reported: $(cat bad-lint.log)"
sed -i 's/^    threads: threads_of("merge")$/    threads:   threads_of( "merge" )/' workflow/rules/merge.smk
"$SNAKEFMT" --check workflow/rules/merge.smk > bad-fmt.log 2>&1 && fail "badly formatted rule passed snakefmt --check"
pass
