# -resume after a crash: the Nextflow process is killed with SIGKILL while the transforms
# run (one at a time, so some are done and some not); the rerun with -resume reports the
# split and every transform that had finished as CACHED in its trace, runs only the rest,
# and its output is byte-identical to an uninterrupted run's.
source "$(dirname "$0")/lib.sh"

m2h-simulate --rows 800000 --chroms 12 --poly-rate 0.3 --seed 3 --threads 1 -o m.tsv.gz
m2h-transform --format vcf --no-version -o whole.vcf m.tsv.gz
printf 'process.maxForks = 1\n' > one-at-a-time.config
args=(--input m.tsv.gz --output out/all.vcf.gz --split_by chrom -c one-at-a-time.config)

echo "+ nextflow run workflow/main.nf ${args[*]} (to be killed)"
setsid "$NEXTFLOW" run "$MAIN_NF" "${args[@]}" > run1.log 2>&1 &
pid=$!
done_transforms() { cat out/pipeline_info/trace_*.txt 2>/dev/null | grep -c "M2H_TRANSFORM.*COMPLETED" || true; }
for _ in $(seq 1 1200); do
  [ "$(done_transforms)" -ge 4 ] && break
  kill -0 "$pid" 2>/dev/null || fail "the run ended before it could be killed: $(tail run1.log)"
  sleep 0.05
done
kill -9 "$pid"   # Nextflow only: its running task goes on, as on a login node that died
wait "$pid" 2>/dev/null || true
first=$(trace_of out)
finished=$(trace_rows "$first" M2H_TRANSFORM tag,status | awk -F'\t' '$2 == "COMPLETED" { print $1 }' | sort)
n_finished=$(echo "$finished" | grep -c . || true)
[ "$n_finished" -ge 4 ] && [ "$n_finished" -lt 12 ] || fail "killed with $n_finished of 12 transforms done"
[ ! -e out/all.vcf.gz ] || fail "a killed run published a final output"
echo "killed with $n_finished transforms finished"

sleep 1   # a new trace file name (it has the second in it)
nf run2.log "${args[@]}" -resume || fail "resumed run: $(tail -30 run2.log)"
second=$(trace_of out)
[ "$second" != "$first" ] || fail "the resumed run wrote no trace of its own"
[ "$(trace_rows "$second" M2H_SPLIT status)" = CACHED ] || fail "the split was redone: $(trace_rows "$second" M2H_SPLIT status)"
cached=$(trace_rows "$second" M2H_TRANSFORM tag,status | awk -F'\t' '$2 == "CACHED" { print $1 }' | sort)
ran=$(trace_rows "$second" M2H_TRANSFORM tag,status | awk -F'\t' '$2 == "COMPLETED" { print $1 }' | sort)
[ "$cached" = "$finished" ] || fail "cached transforms ($cached) are not those that had finished ($finished)"
[ $(( $(echo "$cached" | grep -c .) + $(echo "$ran" | grep -c .) )) -eq 12 ] || fail "12 transforms expected: cached $cached, ran $ran"
[ -z "$(comm -12 <(echo "$cached") <(echo "$ran"))" ] || fail "a transform both cached and run"
bgzip -dc out/all.vcf.gz | cmp -s - whole.vcf || fail "the resumed output differs from the whole transform"
echo "resumed: $(echo "$cached" | grep -c .) transforms cached, $(echo "$ran" | grep -c .) run"
pass
