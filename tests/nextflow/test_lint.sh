# `nextflow lint` finds nothing, neither error nor warning, in any .nf or .config file of
# the pipeline; a copy with a syntax error, and one using params inside a module (a
# warning), fail it. (Nextflow 25.04.4's lint crashes with a NullPointerException instead
# of listing the findings of a file that has only warnings or only errors, nextflow#6199,
# fixed in 25.04.5; it still exits 1, so the test holds either way.)
source "$(dirname "$0")/lib.sh"

files=$(cd "$M2H_SRC/workflow" && ls main.nf modules/*.nf nextflow.config conf/*.config | wc -l)
"$NEXTFLOW" lint "$M2H_SRC/workflow" > lint.log 2>&1 || fail "nextflow lint: $(cat lint.log)"
cat lint.log
grep -q "$files files had no errors" lint.log || fail "expected $files clean files: $(cat lint.log)"
grep -qi "warn" lint.log && fail "lint warnings: $(cat lint.log)"

mkdir copy
cp -r "$M2H_SRC"/workflow/{main.nf,nextflow.config,modules,conf} copy/
sed -i '0,/^}/s/^}//' copy/modules/split.nf
"$NEXTFLOW" lint copy > broken.log 2>&1 && fail "a missing brace passed the lint: $(cat broken.log)"
cp "$M2H_SRC/workflow/modules/split.nf" copy/modules/split.nf
sed -i 's/\${split_by}/${params.split_by}/' copy/modules/split.nf
grep -q 'params.split_by' copy/modules/split.nf || fail "test setup: no params in the copy"
"$NEXTFLOW" lint copy > warning.log 2>&1 && fail "params in a module passed the lint: $(cat warning.log)"
# One version everywhere: CMake's, the pipeline manifest's, and the image the container
# profiles run (written out in nextflow.config: the linter refuses manifest.version there).
version=$(sed -n 's/^project(matrix2hap VERSION \([0-9.]*\).*/\1/p' "$M2H_SRC/CMakeLists.txt")
grep -q "version *= *'$version'" "$M2H_SRC/workflow/nextflow.config" || fail "manifest.version is not $version"
grep -q "container *= *'matrix2hap:$version'" "$M2H_SRC/workflow/nextflow.config" || fail "params.container is not matrix2hap:$version"
grep -q "^container: \"docker://matrix2hap:$version\"" "$M2H_SRC/config/config.yaml" || fail "config.yaml's container is not matrix2hap:$version"
pass
