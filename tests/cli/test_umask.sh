# Every file the tools write follows the umask, as files made with open(2) do: 0644 under
# umask 022, 0664 under 002 (the group can read, and write, on a shared project space).
# Outputs are written under a temporary name first (mkstemp makes it 0600) and must be
# given the umask's mode before the rename.
source "$(dirname "$0")/lib.sh"

for mask in 022 002; do
  want=$(printf '%o' $(( 0666 & ~8#$mask )))
  mkdir "u$mask" && cd "u$mask"
  (
    umask "$mask"
    m2h-simulate --rows 3000 --chroms 3 --poly-rate 0.1 -o m.tsv
    m2h-simulate --rows 3000 --chroms 3 --poly-rate 0.1 -o m.tsv.gz
    m2h-split -o parts m.tsv
    m2h-split --compress -o cparts m.tsv
    m2h-split --ranges -o ranges m.tsv.gz
    m2h-transform --stats stats.tsv -o seed.tsv m.tsv
    m2h-transform --format hap -o hap.tsv.gz m.tsv
    m2h-transform --format vcf --write-index -o all.vcf.gz m.tsv
    m2h-transform --format bcf --write-index -o all.bcf m.tsv
    m2h-transform --manifest ranges/manifest.tsv --part 2 -o part2.tsv
    m2h-merge --manifest parts/manifest.tsv -o merged.tsv
    m2h-merge -o merged.tsv.gz cparts/part-000001-chr1.tsv.gz cparts/part-000002-chr2.tsv.gz
  ) || fail "umask $mask: a tool failed"
  files=$(find . -type f | wc -l)
  [ "$files" -ge 20 ] || fail "umask $mask: only $files files written"
  wrong=$(find . -type f ! -perm "$want" -printf '%m %p\n')
  [ -z "$wrong" ] || fail "umask $mask: files not $want: $wrong"
  echo "umask $mask: $files files, all $want"
  cd ..
done
pass
