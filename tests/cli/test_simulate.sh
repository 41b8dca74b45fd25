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
expect_fail 2 "^m2h-simulate: cannot write '-': No space left on device" sh -c 'm2h-simulate --rows 100000 > /dev/full'
expect_fail 2 "^m2h-simulate: cannot create output 'no/dir/x.tsv'" m2h-simulate --rows 10 -o no/dir/x.tsv
pass
