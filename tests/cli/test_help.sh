# Every tool: --help on stdout with the project's layout, --version, usage errors exit 1.
source "$(dirname "$0")/lib.sh"
for tool in m2h-split m2h-merge m2h-simulate m2h-transform; do
  "$tool" --help >help.txt 2>err.txt || fail "$tool --help exited $?"
  [ ! -s err.txt ] || fail "$tool --help wrote to stderr"
  for section in "^About: " "^Usage: $tool" "^Options:" "^Examples:"; do
    grep -Eq "$section" help.txt || fail "$tool --help lacks $section"
  done
  "$tool" --version | grep -Eq "^$tool [0-9]+\.[0-9]+\.[0-9]+ \(htslib " || fail "$tool --version"
  expect_fail 1 "^$tool: .*--no-such-option.*" "$tool" -o x --no-such-option
  grep -q "Try '$tool --help'" .stderr || fail "$tool usage error does not point to --help"
done
expect_fail 1 "^m2h-split: .*--output is required" m2h-split "$M2H_DATA/small.tsv"
expect_fail 1 "^m2h-simulate: .*--rows" m2h-simulate --rows many
expect_fail 1 "^m2h-split: .*--by" m2h-split --by genes -o x "$M2H_DATA/small.tsv"
expect_fail 1 "^m2h-merge: give the parts" m2h-merge -o x
pass
