# 50,000 contigs, interleaved so every part is closed and reopened, with --max-open 64.
source "$(dirname "$0")/lib.sh"
ROWS=150000 CHROMS=50000

m2h-simulate --rows $ROWS --chroms $CHROMS --interleave 1 --chrom-prefix scaffold_ -o in.tsv
m2h-split -o parts --max-open 64 in.tsv
[ "$(tail -n +2 parts/manifest.tsv | wc -l)" -eq $CHROMS ] || fail "expected $CHROMS parts"
[ "$(ls parts | wc -l)" -eq $((CHROMS + 1)) ] || fail "expected $CHROMS part files and the manifest, no temporaries"
sum=$(awk -F'\t' 'NR>1 { s += $3 } END { print s }' parts/manifest.tsv)
[ "$sum" -eq $ROWS ] || fail "manifest rows sum to $sum"
# First-appearance order: part N is scaffold_N.
awk -F'\t' 'NR>1 && $2 != "scaffold_" $1 { exit 1 }' parts/manifest.tsv || fail "manifest order"
m2h-merge --manifest parts/manifest.tsv -o merged.tsv
cmp -s <(tail -n +2 merged.tsv | sort) <(tail -n +2 in.tsv | sort) || fail "rows differ after split and merge"
# Each part holds its contig's rows in input order.
cmp -s <(awk -F'\t' '$1 == "scaffold_777"' in.tsv) <(tail -n +2 parts/part-000777-scaffold_777.tsv) || fail "scaffold_777"
pass
