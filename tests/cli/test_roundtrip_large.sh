# 4M rows, 8 chromosomes interleaved in blocks of 1000, piped into m2h-split:
# the parts hold exactly the input's rows, the manifest adds up, and a
# contiguous input split and merged comes back byte for byte.
source "$(dirname "$0")/lib.sh"
ROWS=4000000

m2h-simulate --rows $ROWS --chroms 8 --interleave 1000 -o in.tsv
m2h-simulate --rows $ROWS --chroms 8 --interleave 1000 | m2h-split -o parts -
[ "$(tail -n +2 parts/manifest.tsv | wc -l)" -eq 8 ] || fail "expected 8 parts"
sum=$(awk -F'\t' 'NR>1 { s += $3 } END { print s }' parts/manifest.tsv)
[ "$sum" -eq $ROWS ] || fail "manifest rows sum to $sum, expected $ROWS"
tail -n +2 parts/manifest.tsv | while IFS=$'\t' read -r part key rows bytes path; do
  [ "$(stat -c %s "parts/$path")" -eq "$bytes" ] || fail "bytes of $path"
  [ "$(($(wc -l < "parts/$path") - 1))" -eq "$rows" ] || fail "rows of $path"
  head -1 "parts/$path" | cmp -s - <(head -1 in.tsv) || fail "header of $path"
  awk -F'\t' -v k="$key" 'NR>1 && $1 != k { exit 1 }' "parts/$path" || fail "$path holds rows of another chromosome"
done
cmp -s <(tail -q -n +2 parts/part-*.tsv | sort) <(tail -n +2 in.tsv | sort) || fail "parts' rows differ from the input's"

# BGZF input with threads gives the same parts.
m2h-simulate --rows $ROWS --chroms 8 --interleave 1000 --threads 2 -o in.tsv.gz
m2h-split -o zparts --threads 2 in.tsv.gz
cmp -s parts/manifest.tsv zparts/manifest.tsv || fail "BGZF input split differently"

m2h-simulate --rows $ROWS --chroms 8 -o contiguous.tsv
m2h-split -o cparts contiguous.tsv
m2h-merge --manifest cparts/manifest.tsv -o back.tsv
cmp -s back.tsv contiguous.tsv || fail "merge of contiguous parts is not the input"
m2h-split -o rparts --by rows --rows 300000 contiguous.tsv
m2h-merge --manifest rparts/manifest.tsv -o rback.tsv
cmp -s rback.tsv contiguous.tsv || fail "merge of row parts is not the input"
pass
