# Every file a workflow run leaves in its output directory (the result and its index, the
# row accounting, logs, benchmarks, manifest and stats) follows the umask: 0644 under
# umask 022, 0664 under 002, so the group of a shared project can read the accounting.
source "$(dirname "$0")/lib.sh"

m2h-simulate --rows 20000 --chroms 3 --poly-rate 0.05 -o m.tsv.gz
for mask in 022 002; do
  want=$(printf '%o' $(( 0666 & ~8#$mask )))
  write_config "c$mask.yaml" input=m.tsv.gz "output=out$mask/all.vcf.gz" format=vcf
  (umask "$mask" && wf "run$mask.log" --cores 2 --configfile "c$mask.yaml") || fail "umask $mask: $(tail "run$mask.log")"
  [ -s "out$mask/all.summary.tsv" ] && [ -s "out$mask/all.vcf.gz.csi" ] || fail "umask $mask: outputs missing"
  wrong=$(find "out$mask" -type f ! -perm "$want" -printf '%m %p\n')
  [ -z "$wrong" ] || fail "umask $mask: files not $want: $wrong"
  echo "umask $mask: $(find "out$mask" -type f | wc -l) files, all $want"
done
pass
