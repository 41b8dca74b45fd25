# m2h-split --ranges (parts as byte ranges of the matrix, nothing copied) and
# m2h-transform --manifest/--part reading them: offsets, equivalence with the whole
# transform (plain and BGZF, by chrom and by rows, header line or header file), errors.
source "$(dirname "$0")/lib.sh"
D=$M2H_DATA

# A small sorted matrix: its ranges computed independently with awk (offset of each
# chromosome's first row, its line, rows and bytes).
{ head -n 1 "$D/small.tsv"; tail -n +2 "$D/small.tsv" | sort -s -t$'\t' -k1,1; } > sorted.tsv
expected() {  # expected FILE PATH: the range manifest awk derives
  awk -v path="$2" 'BEGIN { OFS = "\t"; print "part", "key", "rows", "bytes", "path", "offset", "line" }
    NR > 1 { if ($1 != key) { if (n) print n, key, rows, off - start, path, start, line
                              n++; key = $1; rows = 0; start = off; line = NR }
             rows++ }
    { off += length($0) + 1 }
    END { print n, key, rows, off - start, path, start, line }' "$1"
}
m2h-split --ranges -o r sorted.tsv
expected sorted.tsv "$PWD/sorted.tsv" > want.tsv
same want.tsv r/manifest.tsv
head -n 1 sorted.tsv | same - r/header.tsv
[ ! -e r/matrix.gzi ] || fail "a plain matrix needs no index"
[ "$(ls r | wc -l)" -eq 2 ] || fail "--ranges wrote parts: $(ls r)"

# Part by part, then concatenated, equals the whole matrix's transform.
check_parts() {  # check_parts MANIFEST FORMAT WHOLE [transform options...]
  local manifest=$1 format=$2 whole=$3 n p
  shift 3
  n=$(($(wc -l < "$manifest") - 1))
  for p in $(seq 1 "$n"); do
    m2h-transform --manifest "$manifest" --part "$p" --format "$format" --no-version "$@" -o "t$p.out" --stats "stats.$p"
  done
  m2h-merge --no-version -o merged.out $(for p in $(seq 1 "$n"); do echo "t$p.out"; done)
  same "$whole" merged.out
  [ "$(cat stats.* | awk -F'\t' '$1 != "input" { r += $2 } END { print r }')" = "$(tail -n +2 "$manifest" | awk -F'\t' '{ r += $3 } END { print r }')" ] \
    || fail "rows read differ from the manifest's"
  rm -f t*.out stats.* merged.out
}
m2h-transform --format seed -o whole.seed sorted.tsv
check_parts r/manifest.tsv seed whole.seed

# Larger, several chromosomes: plain and BGZF (with threads), by chrom and by rows, and
# a headerless matrix with its header file.
m2h-simulate --rows 60000 --chroms 5 --seed 4 --poly-rate 0.05 -o m.tsv
bgzip -c m.tsv > m.tsv.gz
tail -n +2 m.tsv | bgzip > noheader.tsv.gz
head -n 1 m.tsv > header.txt
m2h-transform --format vcf --no-version -o whole.vcf m.tsv
m2h-split --ranges -o plain m.tsv && check_parts plain/manifest.tsv vcf whole.vcf
m2h-split --ranges -o bgzf m.tsv.gz && check_parts bgzf/manifest.tsv vcf whole.vcf --threads 2
[ -s bgzf/matrix.gzi ] || fail "no BGZF index beside the range manifest"
cut -f 1-4,6,7 plain/manifest.tsv | same - <(cut -f 1-4,6,7 bgzf/manifest.tsv)
m2h-split --ranges --by rows --rows 7000 -o rows m.tsv.gz && check_parts rows/manifest.tsv vcf whole.vcf --threads 3
[ "$(tail -n +2 rows/manifest.tsv | wc -l)" -eq 9 ] || fail "60000 rows by 7000: $(cat rows/manifest.tsv)"
m2h-split --ranges --header-file header.txt -o hdr noheader.tsv.gz
same header.txt hdr/header.tsv
check_parts hdr/manifest.tsv vcf whole.vcf

# --manifest/--part reads copied parts too, and checks their rows.
m2h-split -o copied m.tsv && check_parts copied/manifest.tsv vcf whole.vcf

# Errors: exit code, message, and nothing written.
m2h-simulate --rows 300 --chroms 3 --interleave 50 -o mixed.tsv
expect_fail 2 "^m2h-split: chromosome rows are not contiguous in 'mixed.tsv' line 152: 'chr1' \(first at line 2\) comes back after 'chr3'" \
  m2h-split --ranges -o mixed mixed.tsv
[ ! -e mixed/manifest.tsv ] || fail "manifest written for non-contiguous input"
gzip -c m.tsv > plain.gz
expect_fail 2 "^m2h-split: cannot record byte ranges of 'plain.gz': plain gzip has no random access" m2h-split --ranges -o gz plain.gz
expect_fail 1 "^m2h-split: --ranges needs the matrix as a file, not stdin" m2h-split --ranges -o s - < m.tsv
mkfifo fifo
expect_fail 2 "^m2h-split: --ranges needs a regular file 'fifo'" m2h-split --ranges -o s fifo
expect_fail 1 "^m2h-split: --ranges writes no parts to compress" m2h-split --ranges --compress -o s m.tsv
expect_fail 2 "^m2h-transform: no such part in manifest 'plain/manifest.tsv': part 6 \(it lists 5 parts\)" \
  m2h-transform --manifest plain/manifest.tsv --part 6
expect_fail 1 "^m2h-transform: --part needs --manifest" m2h-transform --part 1 m.tsv
expect_fail 1 "^m2h-transform: --manifest needs --part N" m2h-transform --manifest plain/manifest.tsv
expect_fail 1 "^m2h-transform: give either an input file or --manifest" m2h-transform --manifest plain/manifest.tsv --part 1 m.tsv
expect_fail 1 "^m2h-transform: --header-file is not used with a range manifest" \
  m2h-transform --manifest hdr/manifest.tsv --part 1 --header-file header.txt
expect_fail 2 "^m2h-merge: cannot merge a range manifest 'plain/manifest.tsv'" m2h-merge -o x.tsv --manifest plain/manifest.tsv
absent x.tsv
cp -r bgzf nogzi && rm nogzi/matrix.gzi
expect_fail 2 "^m2h-transform: cannot load the BGZF index of '$PWD/m.tsv.gz': 'nogzi/matrix.gzi' is missing" \
  m2h-transform --manifest nogzi/manifest.tsv --part 2 -o out.tsv
absent out.tsv

# The matrix changed after the split: a row grew (the range no longer ends at a line end),
# or the file lost its tail (fewer rows than listed). Exit 2 and no output either way.
cp m.tsv changed.tsv && m2h-split --ranges -o ch changed.tsv
sed -i '20000s/^chr2\t\([0-9]*\)/chr2\t\1999/' changed.tsv
expect_fail 2 "^m2h-transform: byte range does not end at a line end in '$PWD/changed.tsv' line 24001: the matrix changed" \
  m2h-transform --manifest ch/manifest.tsv --part 2 -o out.tsv
absent out.tsv
head -n 55000 m.tsv > cut.tsv && m2h-split --ranges -o cut m.tsv && sed -i "s|$PWD/m.tsv|$PWD/cut.tsv|" cut/manifest.tsv
expect_fail 2 "^m2h-transform: part does not match the manifest 'cut/manifest.tsv': part 5 \('$PWD/cut.tsv'\) has 6999 rows, the manifest lists 12000" \
  m2h-transform --manifest cut/manifest.tsv --part 5 -o out.tsv
absent out.tsv
pass
