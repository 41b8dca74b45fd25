# m2h-split against golden parts: from a file, stdin, gzip, bgzip, a header file; errors.
source "$(dirname "$0")/lib.sh"
D=$M2H_DATA

check_parts() {  # check_parts GOLDEN_DIR OUT_DIR
  same "$1/manifest.tsv" "$2/manifest.tsv"
  for f in "$1"/part-*; do same "$f" "$2/$(basename "$f")"; done
  [ "$(ls "$2" | wc -l)" -eq "$(ls "$1" | wc -l)" ] || fail "$2 has extra files: $(ls -A "$2")"
}

m2h-split -o file "$D/small.tsv" && check_parts "$D/split/chrom" file
m2h-split -o stdin - < "$D/small.tsv" && check_parts "$D/split/chrom" stdin
gzip -c "$D/small.tsv" > small.tsv.gz && m2h-split -o gz small.tsv.gz && check_parts "$D/split/chrom" gz
bgzip -c "$D/small.tsv" > small.bgz && m2h-split -o bgz --threads 2 small.bgz && check_parts "$D/split/chrom" bgz
bgzip -c "$D/small.tsv" | m2h-split -o bgzstdin - && check_parts "$D/split/chrom" bgzstdin
m2h-split -o hdr --header-file "$D/small.header" "$D/small.noheader.tsv" && check_parts "$D/split/chrom" hdr
m2h-split -o rows --by rows --rows 3 "$D/small.tsv" && check_parts "$D/split/rows3" rows
m2h-split -o lru --max-open 1 "$D/small.tsv" && check_parts "$D/split/chrom" lru

# Compressed parts: BGZF, same content, manifest bytes are the compressed sizes.
m2h-split -o z --compress "$D/small.tsv"
for f in "$D"/split/chrom/part-*; do
  b=$(basename "$f")
  [ "$(head -c 4 "z/$b.gz" | od -An -tx1 | tr -d ' ')" = 1f8b0804 ] || fail "z/$b.gz is not BGZF"
  bgzip -dc "z/$b.gz" | cmp -s - "$f" || fail "z/$b.gz content differs"
  grep -q "	$(wc -c < "z/$b.gz")	$b.gz\$" z/manifest.tsv || fail "manifest bytes for $b.gz"
done
# --compress-level: the same content at another level (level 0 stores: larger than level 6).
m2h-split -o z0 --compress --compress-level 0 "$D/small.tsv"
for f in z/part-*; do
  bgzip -dc "z0/$(basename "$f")" | cmp -s - <(bgzip -dc "$f") || fail "z0/$(basename "$f") content differs"
  [ "$(wc -c < "z0/$(basename "$f")")" -gt "$(wc -c < "$f")" ] || fail "level 0 is not larger than level 6"
done
expect_fail 1 "compression-level: Value 10 not in range 0 to 9" m2h-split -o z10 --compress --compress-level 10 "$D/small.tsv"
expect_fail 1 "compression-level: Value 10 not in range 0 to 9" m2h-split -o z10 --compress -l 10 "$D/small.tsv"

# LZ4 parts (the workflows' scatter: copy): LZ4 frames, the same rows through m2h-transform
# and m2h-merge, with and without the compression thread, and with parts closed and
# reopened (--max-open 1: frames appended to a part).
for t in 0 1; do
  m2h-split -o l$t --lz4 --threads $t --max-open 1 "$D/small.tsv"
  for f in "$D"/split/chrom/part-*; do
    b=$(basename "$f")
    [ "$(head -c 4 "l$t/$b.lz4" | od -An -tx1 | tr -d ' ')" = 04224d18 ] || fail "l$t/$b.lz4 is not LZ4"
    m2h-merge -o "l$t/$b" "l$t/$b.lz4" && same "$f" "l$t/$b"
    m2h-transform --format seed "l$t/$b.lz4" | cmp -s - <(m2h-transform --format seed "$f") || fail "l$t/$b.lz4 transforms differently"
    grep -q "	$(wc -c < "l$t/$b.lz4")	$b.lz4\$" l$t/manifest.tsv || fail "manifest bytes for $b.lz4"
  done
done
m2h-merge -o l1.tsv --manifest l1/manifest.tsv && same "$D/merged_by_chrom.tsv" l1.tsv
expect_fail 1 "^m2h-split: --compress \(BGZF\) and --lz4 both given: choose one$" m2h-split -o lz --lz4 --compress "$D/small.tsv"
expect_fail 1 "^m2h-split: --ranges writes no parts to compress: drop --lz4$" m2h-split -o lz --lz4 --ranges "$D/small.tsv"
# A part cut short or damaged: named, exit 2.
part=l1/part-000001-chr1.tsv.lz4
head -c $(($(wc -c < $part) - 2)) $part > cut.tsv.lz4
expect_fail 2 "^m2h-transform: cannot read 'cut.tsv.lz4' line [0-9]+: truncated LZ4 data: the last frame is cut short$" m2h-transform cut.tsv.lz4
{ cat $part; printf 'this is not an LZ4 frame\n'; } > junk.tsv.lz4
expect_fail 2 "^m2h-transform: cannot read 'junk.tsv.lz4' line [0-9]+: corrupt LZ4 data: " m2h-transform junk.tsv.lz4
expect_fail 2 "^m2h-merge: cannot read 'cut.tsv.lz4' line [0-9]+: truncated LZ4 data" m2h-merge -o cut.tsv cut.tsv.lz4
absent cut.tsv

# Bad input: exit 2, the file and line named, no manifest and no part left.
printf 'CHROM\tPOS\tREF\t1a\t1b\nc1\t1\tA\tA\tC\nc1\t2\tA\tA\n' > ragged.tsv
expect_fail 2 "^m2h-split: ragged row in 'ragged.tsv' line 3: 4 fields, the header has 5$" m2h-split -o bad1 ragged.tsv
[ ! -e bad1 ] || fail "a failed split left its output directory: $(ls -A bad1)"
printf 'chrom\tpos\tref\t1a\nc1\t1\tA\tA\n' > unknown.tsv
expect_fail 2 "^m2h-split: unknown header in 'unknown.tsv' line 1: expected 'CHROM" m2h-split -o bad2 unknown.tsv
expect_fail 2 "^m2h-split: cannot open 'nosuch.tsv': No such file or directory$" m2h-split -o bad3 nosuch.tsv
printf 'CHROM\tPOS\tREF\t1a\nc1\t1\tA\tA\r\n' > crlf.tsv
expect_fail 2 "^m2h-split: Windows line ending \(CR LF\) in 'crlf.tsv' line 2" m2h-split -o bad4 crlf.tsv
head -1 "$D/small.tsv" > header_only.tsv
expect_fail 2 "^m2h-split: no data rows in 'header_only.tsv' line 1" m2h-split -o bad5 header_only.tsv
: > empty.tsv
expect_fail 2 "^m2h-split: empty input 'empty.tsv'" m2h-split -o bad6 empty.tsv
printf 'c1\tx\tA\tA\tA\tA\tA\tA\n' | expect_fail 2 "^m2h-split: bad POS in '-' line 1: 'x'" m2h-split -o bad7 --header-file "$D/small.header" -
expect_fail 2 "^m2h-split: cannot open '\.': Is a directory" m2h-split -o bad9 .
for d in bad1 bad2 bad3 bad4 bad5 bad6 bad7 bad9; do absent "$d/manifest.tsv"; done
pass
