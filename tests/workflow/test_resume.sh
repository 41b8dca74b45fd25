# Resume: the workflow is killed with SIGKILL (Snakemake and its running job, as a crash
# would) at several points — while the split runs, right after it, after some transforms,
# once every transform is done, after the row accounting — and resumed each time with
# --rerun-incomplete. Each resumed run reruns no job that had finished (split or transform,
# checked from the logs), leaves no hidden temporary, and its output is byte-identical to
# an uninterrupted run's. A run stopped between the merge and the chart reruns the chart alone.
source "$(dirname "$0")/lib.sh"

m2h-simulate --rows 1600000 --chroms 16 --poly-rate 0.3 --seed 3 --threads 1 -o m.tsv.gz
mkdir ref
write_config ref/c.yaml input=../m.tsv.gz output=out/all.vcf.gz format=vcf split_by=chrom
(cd ref && wf run.log --cores 1 --configfile c.yaml) || fail "uninterrupted run: $(tail -20 ref/run.log)"

finished_jobs() { grep -c "^Finished job" "$1" || true; }

# kill_and_resume NAME JOBS: kill once JOBS jobs have finished (0: once the split has started).
kill_and_resume() {
  local name=$1 jobs=$2 pid split_done finished rerun again
  mkdir "$name" && cd "$name"
  write_config c.yaml input=../m.tsv.gz output=out/all.vcf.gz format=vcf split_by=chrom
  setsid "$SNAKEMAKE" -s "$SNAKEFILE" --cores 1 --configfile c.yaml > run1.log 2>&1 &
  pid=$!
  for _ in $(seq 1 1200); do
    if [ "$jobs" -eq 0 ]; then [ -e out/logs/all/split.log ] && break
    else [ "$(finished_jobs run1.log)" -ge "$jobs" ] && break; fi
    kill -0 "$pid" 2>/dev/null || fail "$name: the run ended before it could be killed: $(tail run1.log)"
    sleep 0.02
  done
  kill -9 -- "-$(ps -o pgid= "$pid" | tr -d ' ')"
  wait "$pid" 2>/dev/null || true
  [ ! -e out/all.vcf.gz ] || fail "$name: a killed run left a final output"
  split_done=$(finished_outputs run1.log split)
  finished=$(finished_outputs run1.log transform | sort)
  [ "$jobs" -eq 0 ] && [ -n "$split_done" ] && fail "$name: the split finished before the kill"
  [ "$jobs" -ge 1 ] && [ -z "$split_done" ] && fail "$name: killed before the split finished"

  wf unlock.log --cores 1 --configfile c.yaml --unlock || fail "$name: unlock: $(cat unlock.log)"
  wf run2.log --cores 1 --configfile c.yaml --rerun-incomplete || fail "$name: resumed run: $(tail -20 run2.log)"
  if [ -n "$split_done" ]; then
    [ -z "$(started_outputs run2.log split)" ] || fail "$name: the finished split ran again"
  else
    [ -n "$(started_outputs run2.log split)" ] || fail "$name: the unfinished split did not run again"
  fi
  rerun=$(started_outputs run2.log transform | sort)
  again=$(comm -12 <(echo "$finished") <(echo "$rerun"))
  [ -z "$again" ] || fail "$name: finished transforms ran again: $again"
  [ $(( $(echo "$finished" | grep -c . || true) + $(echo "$rerun" | grep -c . || true) )) -eq 16 ] \
    || fail "$name: 16 transforms expected over the two runs"
  same ../ref/out/all.vcf.gz out/all.vcf.gz
  same ../ref/out/all.vcf.gz.csi out/all.vcf.gz.csi
  same ../ref/out/all.summary.tsv out/all.summary.tsv
  [ -z "$(find out -name '.*.tmp.*')" ] || fail "$name: hidden temporaries left: $(find out -name '.*.tmp.*')"
  echo "$name: transforms finished before the kill: $(echo "$finished" | grep -c . || true), rerun: $(echo "$rerun" | grep -c . || true)"
  cd ..
}
kill_and_resume during-split 0
kill_and_resume after-split 1
kill_and_resume mid-transforms 6
kill_and_resume transforms-done 17
kill_and_resume summary-done 18

# Stopped between the merge and the chart (Snakemake orders the two as it likes, so a kill
# cannot aim there; a chart that fails, with --keep-going, leaves the same state): the split's
# temporary directory outlives the merge while the chart still needs the parts' list, and the
# rerun runs the chart alone (it used to split and transform everything again).
mkdir chart-failed && cd chart-failed
write_config c.yaml input=../m.tsv.gz output=out/all.vcf.gz format=vcf split_by=chrom retries=0
mkdir -p out/logs/all/chart.log/fault   # the chart's log cannot be written: the job fails
! wf run1.log --cores 1 --configfile c.yaml --keep-going || fail "chart-failed: the run did not fail"
[ -n "$(finished_outputs run1.log merge)" ] && [ -z "$(finished_outputs run1.log chart)" ] \
  || fail "chart-failed: expected the merge done and the chart failed: $(grep -E '^(Finished|Error)' run1.log)"
rm -r out/logs/all/chart.log
wf run2.log --cores 1 --configfile c.yaml || fail "chart-failed: rerun: $(tail -20 run2.log)"
again=$(started_outputs run2.log split; started_outputs run2.log transform; started_outputs run2.log merge)
[ -z "$again" ] || fail "chart-failed: finished jobs ran again: $again"
[ "$(started_outputs run2.log chart)" = out/all.summary.svg ] || fail "chart-failed: the chart did not run"
same ../ref/out/all.vcf.gz out/all.vcf.gz
same ../ref/out/all.summary.tsv out/all.summary.tsv
grep -q '</svg>' out/all.summary.svg || fail "chart-failed: no chart: $(head -c 300 out/all.summary.svg)"
echo "chart-failed: the rerun ran the chart alone"
cd ..
pass
