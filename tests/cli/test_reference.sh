# m2h-transform agrees byte for byte with the reference implementation
# (tests/reference/transform_ref.py) on simulated matrices: many seeds and edge cases.
source "$(dirname "$0")/lib.sh"
REF="/usr/bin/python3 $M2H_SRC/tests/reference/transform_ref.py"

compare() {  # compare NAME SIMULATE-OPTIONS...
  local name=$1; shift
  m2h-simulate --rows 3000 --chroms 3 --interleave 500 "$@" -o "$name.tsv"
  for fmt in seed hap refhap; do
    m2h-transform --samples auto --format $fmt -o "$name.$fmt" "$name.tsv"
    $REF $fmt "$name.tsv" > "$name.$fmt.ref"
    cmp -s "$name.$fmt.ref" "$name.$fmt" || { diff "$name.$fmt.ref" "$name.$fmt" | head >&2; fail "$name ($fmt) differs from the reference"; }
  done
}

for seed in $(seq 1 12); do compare "seed$seed" --seed "$seed" --poly-rate 0.2; done
compare multi --seed 21 --poly-rate 0.5 --multi-rate 1 --missing-rate 0.2
compare all_missing --seed 22 --missing-rate 1 --poly-rate 0.5           # all-N rows: nothing written
compare deletions_only --seed 23 --poly-rate 0.3 --deletion-rate 1       # '-' the only alternate
compare heavy --seed 24 --poly-rate 1 --missing-rate 0.4 --deletion-rate 0.3 --multi-rate 0.5
compare one_pair_unpaired --seed 25 --haplotypes 3 --poly-rate 0.3       # 1a 1b outgroup
compare wide --seed 26 --haplotypes 201 --poly-rate 0.1
[ "$(wc -l < all_missing.seed)" -eq 1 ] || fail "all-N rows produced output"
[ "$(wc -l < deletions_only.hap)" -eq 1 ] || fail "'-'-only rows are not skipped in hap"
[ "$(wc -l < deletions_only.refhap)" -eq 1 ] || fail "'-'-only rows are not skipped in refhap"
[ "$(wc -l < deletions_only.seed)" -gt 100 ] || fail "'-'-only rows are not kept in seed"
grep -q $'\t-\t' deletions_only.seed || fail "no '-'-only alt in seed"

# Headerless input with a header file gives the same output.
m2h-simulate --rows 3000 --chroms 3 --seed 30 --poly-rate 0.2 --no-header -o noheader.tsv
m2h-simulate --rows 0 --seed 30 | head -1 > header.txt
m2h-transform --samples auto --header-file header.txt -o noheader.seed noheader.tsv
$REF seed noheader.tsv header.txt | cmp -s - noheader.seed || fail "headerless input differs from the reference"
pass
