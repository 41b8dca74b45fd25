#!/usr/bin/env bash
# m2h-extend on phase-Extender's own examples (its repository's tests/: eg1-eg4 and their
# expected files, made by phase-extender), every text file compared byte for byte. The
# repository is not ours to copy into this one: give a checkout of it.
#   scripts/check-upstream-examples.sh PHASE_EXTENDER_CHECKOUT [BIN_DIR]
# eg5 is left out: its panel file is missing from the repository (and it uses --bed, whose
# rows 0.1.8 repeats once per interval: m2h-extend restricts to the intervals instead).
set -euo pipefail
repo=${1:?usage: check-upstream-examples.sh PHASE_EXTENDER_CHECKOUT [BIN_DIR]}
bin=${2:-$(dirname "$0")/../build/install/bin}
in=$repo/tests/inputs expected=$repo/tests/outdir
work=$(mktemp -d "${TMPDIR:-/tmp}/m2h-upstream.XXXXXX")
trap 'rm -rf "$work"' EXIT
failed=0
check() {  # check NAME ARGS...: m2h-extend ARGS into $work/NAME against $expected/NAME
  local name=$1 f n=0
  shift
  "$bin/m2h-extend" "$@" --output "$work/$name"
  for f in "$expected/$name"/*.txt; do
    if cmp -s "$f" "$work/$name/$(basename "$f")"; then n=$((n + 1)); else echo "$name: $(basename "$f") differs"; failed=1; fi
  done
  echo "$name: $n text files byte-identical to upstream's expected files"
}
# the commands of upstream's tests (tests/test_phaseextender.py)
check eg1out --input "$in/eg1/input_haplotype_file.txt" --SOI ms02g --lods 10
check eg2out --input "$in/eg1/input_haplotype_file.txt" --SOI ms02g --writeLOD yes
check eg3out --input "$in/eg2/haplotype_file_test02.txt" --SOI ms02g --numHets 25 --culLH maxPd --hapStats yes --lods 10 --threads 2
check eg4out --input "$in/eg2/haplotype_file_test02.txt" --SOI ms02g --useSample ms01e,ms02g,MA605,Sp76
exit $failed
