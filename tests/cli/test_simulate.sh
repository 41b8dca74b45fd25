# m2h-simulate: golden output for a fixed seed, plain = BGZF content, write errors caught.
source "$(dirname "$0")/lib.sh"
D=$M2H_DATA

m2h-simulate --rows 12 --chroms 2 --haplotypes 5 --seed 7 --poly-rate 0.5 --interleave 4 -o small.tsv
same "$D/simulate_small.tsv" small.tsv
m2h-simulate --rows 12 --chroms 2 --haplotypes 5 --seed 7 --poly-rate 0.5 --interleave 4 | cmp -s - small.tsv || fail "stdout differs"
m2h-simulate --rows 20000 --chroms 3 --seed 3 -o big.tsv
m2h-simulate --rows 20000 --chroms 3 --seed 3 --threads 2 -o big.tsv.gz
bgzip -t big.tsv.gz && bgzip -dc big.tsv.gz | cmp -s - big.tsv || fail "BGZF output differs from plain"
[ "$(wc -l < big.tsv)" -eq 20001 ] || fail "row count"
m2h-simulate --rows 5 --no-header | grep -q '^CHROM' && fail "--no-header wrote a header"
[ "$(m2h-simulate --rows 5 --no-header | wc -l)" -eq 5 ] || fail "--no-header row count"
# Every simulated allele is a valid code; polymorphic rows exist at the requested rate.
awk -F'\t' 'NR>1 { for (i=4;i<=NF;i++) if ($i !~ /^[ACGTN-]$/) { print "bad allele " $i; exit 1 } }' big.tsv
poly=$(awk -F'\t' 'NR>1 { for (i=4;i<=NF;i++) if ($i!=$3 && $i!="N") { n++; break } } END { print n }' big.tsv)
[ "$poly" -gt 100 ] && [ "$poly" -lt 300 ] || fail "polymorphic rows $poly, expected about 200 of 20000"
# Genome shapes: an assembly's uneven scaffolds (chromosome c gets rows in proportion to
# 1/c), and real chromosome lengths (rows in proportion, positions spread over each).
m2h-simulate --rows 10000 --chroms 100 --uneven -o uneven.tsv
counts=$(tail -n +2 uneven.tsv | cut -f1 | uniq -c | awk '{ print $1 }')
[ "$(echo "$counts" | wc -l)" -eq 100 ] || fail "--uneven: 100 chromosomes expected"
[ "$(echo "$counts" | head -n 1)" -gt 1800 ] && [ "$(echo "$counts" | tail -n 1)" -lt 40 ] || fail "--uneven shares: $(echo $counts | head -c 80)"
[ "$(echo "$counts" | paste -sd+ | bc)" -eq 10000 ] || fail "--uneven: rows do not add up"
printf 'chr1H\t558535432\nchr2H\t768075024\nchrUn\t249774706\n' > barley.lengths
m2h-simulate --rows 1000 --lengths barley.lengths -o barley.tsv
awk -F'\t' 'NR > 1 { n[$1]++; if ($2 > max[$1]) max[$1] = $2 } END { print n["chr1H"], n["chr2H"], n["chrUn"], max["chr2H"] }' barley.tsv \
  | grep -qx "354 487 159 768075024" || fail "--lengths shares or positions"
awk -F'\t' 'NR > 2 && $1 == c && $2 <= p { exit 1 } { c = $1; p = $2 }' barley.tsv || fail "--lengths: positions not increasing"
expect_fail 2 "^m2h-simulate: bad lengths file 'bad.lengths' line 2: expected 'name<TAB>length'" \
  sh -c "printf 'a\t10\nb\tx\n' > bad.lengths && m2h-simulate --rows 5 --lengths bad.lengths"
expect_fail 1 "m2h-simulate: --lengths: 20 rows do not fit 'a' of length 10" sh -c "printf 'a\t10\n' > short.lengths && m2h-simulate --rows 20 --lengths short.lengths"
expect_fail 1 "--uneven and --lengths do not go together" m2h-simulate --rows 5 --uneven --lengths barley.lengths

expect_fail 2 "^m2h-simulate: cannot write '-': No space left on device" sh -c 'm2h-simulate --rows 100000 > /dev/full'
expect_fail 2 "^m2h-simulate: cannot create output 'no/dir/x.tsv'" m2h-simulate --rows 10 -o no/dir/x.tsv
pass
