# m2h-merge: parts back into one file; refuses anything incomplete, leaves no output then.
source "$(dirname "$0")/lib.sh"
D=$M2H_DATA
G=$D/split/chrom

m2h-merge --manifest "$G/manifest.tsv" -o m1.tsv && same "$D/merged_by_chrom.tsv" m1.tsv
m2h-merge -o m2.tsv "$G"/part-*.tsv && same "$D/merged_by_chrom.tsv" m2.tsv
ls "$G"/part-*.tsv > list.txt && m2h-merge -f list.txt > m3.tsv && same "$D/merged_by_chrom.tsv" m3.tsv
m2h-merge --manifest "$D/split/rows3/manifest.tsv" -o m4.tsv && same "$D/small.tsv" m4.tsv
# BGZF parts in, BGZF out (with threads), and a mix of plain and BGZF parts.
m2h-split -o z --compress "$D/small.tsv"
m2h-merge --manifest z/manifest.tsv --threads 2 -o m5.tsv.gz
bgzip -dc m5.tsv.gz | cmp -s - "$D/merged_by_chrom.tsv" || fail "BGZF merge differs"
bgzip -t m5.tsv.gz || fail "m5.tsv.gz is not valid BGZF"
m2h-merge -o m6.tsv "$G/part-000001-chr1.tsv" z/part-000002-chr2.tsv.gz "$G/part-000003-chrX.tsv"
same "$D/merged_by_chrom.tsv" m6.tsv
# --write-behind (the workflow's table merges) changes where the pages go, not the bytes:
# plain parts copied, and BGZF blocks copied.
m2h-merge --write-behind -o m7.tsv "$G"/part-*.tsv && same "$D/merged_by_chrom.tsv" m7.tsv
m2h-merge --write-behind --manifest z/manifest.tsv -o m8.tsv.gz && same m5.tsv.gz m8.tsv.gz
# A full disk while writing by O_DIRECT: 7 MB of parts into a 4 MiB filesystem, a tmpfs
# mounted here as root (so that a tool in a container sees it too; unmounted at the end),
# or in a mount namespace of its own, which any user may make. Exit 2, no output, no temporary.
m2h-simulate --rows 100000 --seed 3 -o big.tsv && m2h-split --by rows --rows 20000 -o bigparts big.tsv
mkdir small
merge_full='m2h-merge --write-behind --manifest bigparts/manifest.tsv -o small/m9.tsv; rc=$?
  [ -z "$(ls -A small)" ] || echo "left behind: $(ls -A small)" >&2; exit $rc'
if [ "$(id -u)" -eq 0 ]; then
  mount -t tmpfs -o size=4m m2h-small small
  trap 'umount "$WORK/small"; rm -rf "$WORK"' EXIT
  expect_fail 2 "^m2h-merge: cannot write 'small/m9.tsv': No space left on device" sh -c "$merge_full"
else
  expect_fail 2 "^m2h-merge: cannot write 'small/m9.tsv': No space left on device" \
    unshare --map-root-user --mount sh -c "mount -t tmpfs -o size=4m tmpfs small || exit 9; $merge_full"
fi
! grep -q "left behind" "$WORK/.stderr" || fail "the full-disk merge $(cat "$WORK/.stderr")"

# Refusals: exit 2, message naming the part, no output.
cp "$G/part-000002-chr2.tsv" other.tsv && sed -i '1s/og/outgroup/' other.tsv
expect_fail 2 "^m2h-merge: header differs in 'other.tsv' line 1" m2h-merge -o bad1.tsv "$G/part-000001-chr1.tsv" other.tsv
head -c -3 "$G/part-000002-chr2.tsv" > cut.tsv
expect_fail 2 "^m2h-merge: truncated file 'cut.tsv' line 3: the last line does not end with a newline" m2h-merge -o bad2.tsv "$G/part-000001-chr1.tsv" cut.tsv
head -c -28 z/part-000002-chr2.tsv.gz > cut.tsv.gz
expect_fail 2 "^m2h-merge: truncated BGZF file 'cut.tsv.gz'" m2h-merge -o bad3.tsv "$G/part-000001-chr1.tsv" cut.tsv.gz
mkdir -p man && cp "$G"/* man/ && rm man/part-000002-chr2.tsv
expect_fail 2 "^m2h-merge: missing part 'man/part-000002-chr2.tsv'" m2h-merge --manifest man/manifest.tsv -o bad4.tsv
cp "$G/part-000002-chr2.tsv" man/ && sed -i '3s/\t2\t/\t3\t/' man/manifest.tsv
expect_fail 2 "^m2h-merge: part does not match the manifest 'man/part-000002-chr2.tsv': 2 rows, the manifest says 3" m2h-merge --manifest man/manifest.tsv -o bad5.tsv
: > empty.tsv
expect_fail 2 "^m2h-merge: empty part 'empty.tsv'" m2h-merge -o bad6.tsv empty.tsv
absent bad1.tsv bad2.tsv bad3.tsv bad4.tsv bad5.tsv bad6.tsv
pass
