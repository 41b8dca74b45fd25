# Resume: the workflow is killed with SIGKILL (Snakemake and its running job, as a crash
# would) once at least one transform has finished; the rerun with --rerun-incomplete runs
# neither the split nor any finished transform again, and its output is byte-identical to
# an uninterrupted run's.
source "$(dirname "$0")/lib.sh"

m2h-simulate --rows 1600000 --chroms 16 --poly-rate 0.3 --seed 3 --threads 1 -o m.tsv.gz
write_config c.yaml input=m.tsv.gz output=out/all.vcf.gz format=vcf
mkdir ref
write_config ref/c.yaml input=../m.tsv.gz output=out/all.vcf.gz format=vcf
(cd ref && wf run.log --cores 1 --configfile c.yaml) || fail "uninterrupted run: $(tail -20 ref/run.log)"

setsid snakemake -s "$SNAKEFILE" --cores 1 --configfile c.yaml > run1.log 2>&1 &
pid=$!
for _ in $(seq 1 1200); do
  [ -n "$(finished_outputs run1.log transform)" ] && break
  kill -0 "$pid" 2>/dev/null || fail "the run ended before it could be killed: $(tail run1.log)"
  sleep 0.05
done
kill -9 -- "-$(ps -o pgid= "$pid" | tr -d ' ')"
wait "$pid" 2>/dev/null || true
finished=$(finished_outputs run1.log transform | sort)
[ -n "$finished" ] || fail "no transform finished before the kill"
[ -z "$(finished_outputs run1.log merge)" ] || fail "the run finished before the kill; use a larger input"
[ ! -e out/all.vcf.gz ] || fail "a killed run left a final output"

wf unlock.log --cores 1 --configfile c.yaml --unlock || fail "unlock: $(cat unlock.log)"
wf run2.log --cores 1 --configfile c.yaml --rerun-incomplete || fail "resumed run: $(tail -20 run2.log)"
[ -z "$(started_outputs run2.log split)" ] || fail "the split ran again"
rerun=$(started_outputs run2.log transform | sort)
again=$(comm -12 <(echo "$finished") <(echo "$rerun"))
[ -z "$again" ] || fail "finished transforms ran again: $again"
[ $(( $(echo "$finished" | wc -l) + $(echo "$rerun" | wc -l) )) -eq 16 ] || fail "16 parts expected in the two runs"
same ref/out/all.vcf.gz out/all.vcf.gz
same ref/out/all.summary.tsv out/all.summary.tsv
[ -z "$(find out -name '.*.tmp.*')" ] || fail "hidden temporaries left: $(find out -name '.*.tmp.*')"
echo "finished before the kill: $(echo "$finished" | wc -l), rerun: $(echo "$rerun" | wc -l)"
pass
