# The build under test (another platform's: ARM64 under qemu-user, or the portable one)
# writes the same bytes as the reference build (x86-64, M2H_REFERENCE_BIN) from the same
# inputs: simulated matrices, splits (parts, LZ4 parts, byte ranges), every format of the
# transform (plain and BGZF), merges. BGZF and LZ4 output is compared byte for byte too:
# the same libraries, levels and blocks give the same compressed bytes on every platform.
source "$(dirname "$0")/../cli/lib.sh"
: "${M2H_REFERENCE_BIN:?set M2H_REFERENCE_BIN to the tools of the reference build}"
REF=$M2H_REFERENCE_BIN
for t in m2h-simulate m2h-split m2h-transform m2h-merge m2h-extend; do
  [ -x "$REF/$t" ] || fail "no reference tool '$REF/$t': build the reference first (make build-reference, which make test-arm64 and test-portable run)"
done
machine() { readelf -h "$1" | sed -n 's/^ *Machine: *//p'; }
echo "under test: $(machine "$(command -v m2h-transform)"); reference: $(machine "$REF/m2h-transform")"

n=0
check() {  # check NAME CMD-ARGS...: the tool under test and the reference, same arguments, same files
  local name=$1 tool=$2
  shift 2
  mkdir -p ours ref
  (cd ours && "$tool" "$@") || fail "$name: $tool failed"
  (cd ref && "$REF/$tool" "$@") || fail "$name: the reference $tool failed"
  diff -r ours ref > /dev/null || fail "$name: outputs differ: $(diff -rq ours ref | head -5)"
  rm -rf ours ref
  n=$((n + 1))
}
m2h-simulate --rows 200000 --chroms 5 --seed 4 --poly-rate 0.3 --missing-rate 0.05 --deletion-rate 0.02 \
  --multi-rate 0.3 --interleave 3000 -o m.tsv
"$REF/m2h-simulate" --rows 200000 --chroms 5 --seed 4 --poly-rate 0.3 --missing-rate 0.05 --deletion-rate 0.02 \
  --multi-rate 0.3 --interleave 3000 -o ref.tsv
cmp -s m.tsv ref.tsv || fail "m2h-simulate: the matrices differ"
M=$PWD/m.tsv
check simulate.gz m2h-simulate --rows 50000 --seed 9 --threads 2 -o s.tsv.gz
m2h-simulate --rows 200000 --chroms 5 --seed 4 --poly-rate 0.3 -o sorted.tsv
S=$PWD/sorted.tsv
for fmt in seed hap refhap vcf bcf; do
  ext=$fmt; [ "$fmt" = bcf ] || ext=$fmt.gz
  check "transform $fmt" m2h-transform --format "$fmt" --no-version -o "out.$fmt" "$M"
  check "transform $ext" m2h-transform --format "$fmt" --no-version --threads 2 -o "out.$ext" "$M"
done
check "transform vcf.gz -l 1, indexed" m2h-transform --format vcf --no-version -l 1 --write-index -o i.vcf.gz "$S"
check "transform bcf, indexed" m2h-transform --format bcf --no-version --write-index -o i.bcf "$S"
check "split by chrom" m2h-split -o parts "$M"
check "split by size, BGZF" m2h-split --by size --part-size 2M --compress --threads 2 -o parts "$M"
check "split LZ4" m2h-split --by rows --rows 30000 --lz4 --threads 1 -o parts "$M"
check "split ranges" m2h-split --ranges --by chrom -o parts "$S"
# Merges of one set of parts, made by the reference.
"$REF/m2h-split" --by size --part-size 3M -o parts "$M"
"$REF/m2h-split" --by size --part-size 3M --compress -o zparts "$M"
"$REF/m2h-split" --by size --part-size 3M -o sparts "$S"
for p in $(seq 1 "$(($(wc -l < sparts/manifest.tsv) - 1))"); do
  "$REF/m2h-transform" --format vcf --no-version --manifest sparts/manifest.tsv --part "$p" -o "$PWD/p$p.vcf.gz"
done
check "merge" m2h-merge --manifest "$PWD/parts/manifest.tsv" -o merged.tsv
check "merge BGZF" m2h-merge --manifest "$PWD/zparts/manifest.tsv" --threads 2 -o merged.tsv.gz
check "merge VCF" m2h-merge --no-version --write-index -o merged.vcf.gz $(ls "$PWD"/p*.vcf.gz | sort -V)
# m2h-extend's decimal arithmetic (64-bit divisions in hardware on x86-64, in software
# elsewhere) and its replay of numpy's sort give the same files everywhere.
check "simulate read-backed" m2h-simulate --read-backed --rows 30000 --chroms 3 --seed 7 --panel p.tsv --truth t.tsv -o s.tsv
"$REF/m2h-simulate" --read-backed --rows 30000 --chroms 3 --seed 7 --panel rb_panel.tsv -o rb.tsv
/usr/bin/python3 "$M2H_SRC/tests/extend/cases.py" duplicates rb.tsv soi > rb_dups.tsv
check "extend" m2h-extend --input "$PWD/rb_dups.tsv" --SOI soi --refHap "$PWD/rb_panel.tsv" --writeLOD yes --addMissingSites yes \
  --threads 2 -o out
check "extend maxSum" m2h-extend --input "$PWD/rb.tsv" --SOI soi --culLH maxSum --numHets 20 --writeLOD yes -o out
# Stats: the same rows (their last two columns are the tool's own time and memory).
m2h-transform --stats a.tsv -o /dev/null "$M" && "$REF/m2h-transform" --stats b.tsv -o /dev/null "$M"
cmp -s <(cut -f1-4 a.tsv) <(cut -f1-4 b.tsv) || fail "stats differ"
echo "$n outputs byte-identical to the reference build's"
pass
