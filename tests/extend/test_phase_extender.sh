# m2h-extend against phase-extender 0.1.8 itself (the readers' venv): the same options on
# read-backed tables m2h-simulate makes (indels and '*' alleles, several read-backed samples
# in the table, a panel), with the edge cases of tests/extend/cases.py; every text file
# both write must be byte-identical, log2 odds included. Two comparisons run at a time.
source "$(dirname "$0")/../readers/lib.sh"
PE=$(venv phase-extender)
CASES="/usr/bin/python3 $M2H_SRC/tests/extend/cases.py"
echo "phase-extender $("$PE/pip" show phase-extender | awk '/^Version/ { print $2 }')"

# t.tsv: the sample of interest and 3 read-backed samples beside 5 phased ones, 3 contigs;
# tp.tsv + p.tsv: the sample of interest with 2 read-backed samples, and a 6-sample panel
sim="--read-backed --rows 600 --block-sites 3,25 --indel-rate 0.05 --star-rate 0.02"
m2h-simulate $sim --chroms 3 --samples 8 --read-backed-samples 3 --seed 2 -o t.tsv
m2h-simulate $sim --chroms 3 --samples 8 --read-backed-samples 2 --seed 3 --panel p.tsv -o tp.tsv
$CASES contigs t.tsv > contigs.tsv        # 10, X, 2: numeric and text contig names mixed
$CASES numeric t.tsv > numeric.tsv        # 2, 10, 1
$CASES duplicates t.tsv soi > dups.tsv    # rows at one position, blocks starting at one
$CASES nested t.tsv soi > nested.tsv      # blocks inside another block's span
$CASES ints t.tsv soi > ints.tsv          # an integer PI column, leading zeros
$CASES contigs tp.tsv > tpc.tsv
$CASES contigs p.tsv | awk 'BEGIN { srand(4) } { print } NR > 1 && rand() < 0.03 { print }' > pc.tsv  # panel rows twice
awk -F'\t' 'BEGIN { OFS = "\t"; srand(6) } NR > 1 && rand() < 0.05 { $5 = ""; $6 = "NA" } { print }' p.tsv > pna.tsv

run=0
compare() {  # compare NAME ARGS...: both tools with ARGS, every text file the same
  local name=$1
  shift
  "$PE/phase-extender" "$@" --output "pe_$name" > "pe_$name.log" 2>&1 || { echo "phase-extender failed: $(tail -3 "pe_$name.log")"; return 1; }
  m2h-extend "$@" --output "m2h_$name" > "m2h_$name.log" 2>&1 || { echo "m2h-extend failed: $(cat "m2h_$name.log")"; return 1; }
  local f n=0
  for f in "pe_$name"/*.txt; do
    cmp -s "$f" "m2h_$name/$(basename "$f")" || { echo "$(basename "$f") differs: $(diff "$f" "m2h_$name/$(basename "$f")" | head -4)"; return 1; }
    n=$((n + 1))
  done
  echo "$name: $n files the same"
}
configs=(
  "default --input t.tsv --SOI soi"
  "numHets5 --input t.tsv --SOI soi --numHets 5 --writeLOD yes"
  "numHets25 --input t.tsv --SOI soi --numHets 25 --writeLOD yes"
  "lods0 --input t.tsv --SOI soi --lods 0 --writeLOD yes"
  "lods2 --input t.tsv --SOI soi --lods 2 --writeLOD yes"
  "lods10 --input t.tsv --SOI soi --lods 10 --writeLOD yes --hapStats yes --addMissingSites yes"
  "maxSum --input t.tsv --SOI soi --culLH maxSum --writeLOD yes"
  "refHap --input tp.tsv --SOI soi --refHap p.tsv --writeLOD yes --hapStats yes --addMissingSites yes"
  "useSample-input --input tp.tsv --SOI soi --refHap p.tsv --useSample input --writeLOD yes"
  "useSample-refHap --input tp.tsv --SOI soi --refHap p.tsv --useSample refHap --writeLOD yes"
  "useSample-list --input tp.tsv --SOI soi --refHap p.tsv --useSample s01,s04,s07 --writeLOD yes"
  "useSample-soi-twice --input t.tsv --SOI soi --useSample s02,soi,s07 --writeLOD yes"
  "contigs --input contigs.tsv --SOI soi --writeLOD yes --hapStats yes --addMissingSites yes"
  "numeric --input numeric.tsv --SOI soi --writeLOD yes --hapStats yes --addMissingSites yes"
  "duplicates --input dups.tsv --SOI soi --writeLOD yes --hapStats yes --addMissingSites yes"
  "nested --input nested.tsv --SOI soi --writeLOD yes --hapStats yes"
  "integer-PI --input ints.tsv --SOI soi --writeLOD yes --hapStats yes --addMissingSites yes"
  "panel-contigs --input tpc.tsv --SOI soi --refHap pc.tsv --writeLOD yes --hapStats yes --addMissingSites yes"
  "panel-missing --input tp.tsv --SOI soi --refHap pna.tsv --numHets 10 --writeLOD yes"
  "threads --input contigs.tsv --SOI soi --nt 2 --writeLOD yes"
)
failed=0
for c in "${configs[@]}"; do
  set -- $c
  compare "$@" > "cmp_$1.txt" 2>&1 &
  run=$((run + 1))
  if [ $((run % 2)) -eq 0 ]; then wait -n || failed=1; wait -n || failed=1; fi
done
wait || failed=1
cat cmp_*.txt
# --nt is m2h-extend's --threads too; the threaded run must equal the single one
same m2h_contigs/extended_haplotype_soi.txt m2h_threads/extended_haplotype_soi.txt
[ "$failed" -eq 0 ] && [ "$(grep -c 'files the same$' cmp_*.txt | awk -F: '{ s += $2 } END { print s }')" -eq ${#configs[@]} ] \
  || fail "m2h-extend and phase-extender 0.1.8 differ (above)"
# the comparisons compared something: blocks were joined, log2 odds written
[ "$(cut -f5 pe_default/extended_haplotype_soi.txt | sort -u | wc -l)" -lt "$(cut -f5 pe_default/initial_haplotype_soi.txt | sort -u | wc -l)" ] \
  || fail "no block joined in the default case"
grep -q $'\t-[0-9]*\\.[0-9]\{5\}$' pe_numHets5/extended_haplotype_soi.txt || fail "no negative log2 odds written"
pass
