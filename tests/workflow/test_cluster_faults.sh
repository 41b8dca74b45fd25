# What goes wrong on a cluster, with Snakemake 8+ and its SLURM executor plugin (profile
# slurm) on a 3-node test cluster with accounting (tests/slurm/cluster.sh). Each run's
# output must equal a local run's, byte for byte, with the row accounting holding (an
# undisturbed run first gives the wall time to compare with):
#  - a node dies during the transforms (its slurmd and its jobs' processes killed): its
#    jobs end NODE_FAIL and Snakemake retries them on the other nodes (the profile turns
#    SLURM's requeue off); exactly those parts ran twice;
#  - slurmctld restarts in the middle of the run: the run goes on;
#  - Snakemake itself is killed (SIGKILL) while jobs run: after --unlock, the rerun with
#    --rerun-incomplete finishes; transforms that had finished are not run again, those
#    that were running are (their first jobs finish on their own and harm nothing);
#  - a node dies while samples of interest are extended (one job each, from a read-backed
#    VCF): those extensions end NODE_FAIL and are retried on the other nodes; every
#    sample's files equal m2h-extend's on the whole table;
#  - the output filesystem is too small (a tmpfs): the run fails naming the full disk,
#    leaves no final output and nothing half-written under a final name; with room made,
#    the same command finishes.
source "$(dirname "$0")/lib.sh"
source "$M2H_SRC/tests/slurm/lib.sh"
[ "$SNAKEMAKE_MAJOR" -ge 8 ] || fail "test_cluster_faults.sh needs Snakemake 8 or later"
start_cluster 3

# Six parts, a few seconds of work each: long enough to be caught running.
m2h-simulate --rows 360000 --haplotypes 200 --poly-rate 0.5 --chroms 6 --seed 21 -o m.tsv
write_config ref.yaml input=m.tsv output=ref/all.vcf.gz split_by=chrom
wf ref.log --cores 2 --configfile ref.yaml || fail "local run: $(tail -20 ref.log)"
profile=(--profile "$M2H_SRC/workflow/profiles/slurm" --slurm-init-seconds-before-status-checks 1
  --seconds-between-status-checks 1)

# start NAME [ARGS]: the workflow through SLURM in the background, output NAME/all.vcf.gz;
# PID set.
start() {
  local name=$1
  shift
  write_config "$name.yaml" input=m.tsv "output=$name/all.vcf.gz" split_by=chrom
  SINCE=$(last_job)
  echo "+ snakemake --profile workflow/profiles/slurm --configfile $name.yaml $*"
  setsid "$SNAKEMAKE" -s "$SNAKEFILE" "${profile[@]}" --configfile "$name.yaml" "$@" > "$name.log" 2>&1 &
  PID=$!
  T0=$SECONDS
}
# check NAME [NODES]: its output and accounting equal the local run's, its transforms ran
# on at least NODES nodes (2); its jobs in NAME.jobs.
check() {
  same ref/all.vcf.gz "$1/all.vcf.gz"
  same ref/all.summary.tsv "$1/all.summary.tsv"
  [ -z "$(find "$1" -name '.*.tmp.*')" ] || fail "$1: temporaries left: $(find "$1" -name '.*.tmp.*')"
  settled_jobs_after "$SINCE" > "$1.jobs"
  local nodes
  nodes=$(awk -F'\t' '$2 == "transform" && $3 == "COMPLETED" { print $4 }' "$1.jobs" | sort -u | tr '\n' ' ')
  [ "$(echo "$nodes" | wc -w)" -ge "${2:-2}" ] || fail "$1: the transforms all ran on $nodes"
  echo "$1: output identical; $(wc -l < "$1.jobs") SLURM jobs, transforms on nodes $nodes, $((SECONDS - T0)) s"
  awk -F'\t' '{ printf "  %s %s %s %s %s\n", $1, $2, $8, $3, $4 }' "$1.jobs"
}

# 0. Undisturbed, for the wall time the faults below are measured against.
start calm
wait "$PID" || fail "calm: the undisturbed run failed: $(tail -30 calm.log)"
check calm
[ -z "$(parts_run_twice calm.jobs)" ] || fail "calm: parts ran twice: $(parts_run_twice calm.jobs)"

# 1. A node dies while transforms run on it.
start node
wait_running transform || fail "node: no transform ran: $(tail node.log)"
dead=$(running_on transform | head -n 1)
"$CLUSTER_SH" kill-node "$CLUSTER" "$dead"
wait "$PID" || fail "node: the run did not survive the loss of $dead: $(tail -30 node.log)"
check node
failed=$(parts_with_state node.jobs NODE_FAIL)
[ -n "$failed" ] || fail "node: no job ended NODE_FAIL on $dead"
[ "$(parts_run_twice node.jobs)" = "$failed" ] || fail "node: parts run twice ($(parts_run_twice node.jobs)) are not those on $dead ($failed)"
for p in $failed; do
  awk -F'\t' -v p="$p" -v d="$dead" '$2 == "transform" && $8 == p && $3 == "COMPLETED" && $4 != d' node.jobs | grep -q . \
    || fail "node: $p was not completed on another node"
done
grep -q "failed due to a node failure" node.log || fail "node: Snakemake did not report the node failure"
echo "node: $dead died; ran twice: $(echo $failed)"
"$CLUSTER_SH" start-node "$CLUSTER" "$dead"

# 2. The controller restarts while the transforms run.
start ctld
wait_running transform || fail "ctld: no transform ran: $(tail ctld.log)"
"$CLUSTER_SH" restart-ctld "$CLUSTER"
wait "$PID" || fail "ctld: the run did not survive a controller restart: $(tail -30 ctld.log)"
check ctld
[ -z "$(parts_run_twice ctld.jobs)" ] || fail "ctld: parts ran twice: $(parts_run_twice ctld.jobs)"

# 3. Snakemake is killed (SIGKILL) once a transform has finished and others run (two jobs
# at a time, so that some are done and some not).
start kill --jobs 2
# (The running parts are those seen by the check itself: one may end right after it.)
until awk -F'\t' '$2 == "transform" && $3 == "COMPLETED"' <(jobs_after "$SINCE") | grep -q . \
  && running=$(running_parts) && [ -n "$running" ]; do
  kill -0 "$PID" 2>/dev/null || fail "kill: the run ended before it could be killed: $(tail kill.log)"
  sleep 0.2
done
jobs_after "$SINCE" > kill.before
kill -9 "$PID"
wait "$PID" 2>/dev/null || true
done_before=$(parts_with_state kill.before COMPLETED)
echo "kill: Snakemake killed with transforms finished: $(echo $done_before); running: $(echo $running)"
[ ! -e kill/all.vcf.gz ] || fail "kill: a killed run left a final output"
wf kill-unlock.log "${profile[@]}" --configfile kill.yaml --unlock || fail "kill: --unlock: $(tail kill-unlock.log)"
wf kill-resume.log "${profile[@]}" --configfile kill.yaml --rerun-incomplete || fail "kill: resume: $(tail -30 kill-resume.log)"
check kill 1  # two jobs at a time may all go to one node
for p in $done_before; do
  [ "$(awk -F'\t' -v p="$p" '$2 == "transform" && $8 == p' kill.jobs | wc -l)" -eq 1 ] || fail "kill: finished $p was run again"
done
# The jobs running at the kill finish on their own: their job-side Snakemake records the
# outputs as complete, so the resumed run reruns only what had not finished by then.
for p in $running; do
  awk -F'\t' -v p="$p" '$2 == "transform" && $8 == p && $3 == "COMPLETED"' kill.jobs | grep -q . || fail "kill: $p never completed"
done
echo "kill: run twice after the resume: $(parts_run_twice kill.jobs | tr '\n' ' ')"
[ -z "$(awk -F'\t' '$2 == "split"' kill.jobs | awk 'NR > 1')" ] || fail "kill: the split ran again"

# 4. A node dies while the samples of interest are extended on it.
extension_input
write_config ext.yaml input=rb.vcf.gz output=ext/t.tsv format=hap extend_samples=$EXTEND
SINCE=$(last_job)
T0=$SECONDS
echo "+ snakemake --profile workflow/profiles/slurm --configfile ext.yaml"
setsid "$SNAKEMAKE" -s "$SNAKEFILE" "${profile[@]}" --configfile ext.yaml > ext.log 2>&1 &
PID=$!
wait_running extend_sample || fail "ext: no extension ran: $(tail ext.log)"
dead=$(running_on extend_sample | head -n 1)
"$CLUSTER_SH" kill-node "$CLUSTER" "$dead"
wait "$PID" || fail "ext: the run did not survive the loss of $dead: $(tail -30 ext.log)"
settled_jobs_after "$SINCE" > ext.jobs
check_extension ext/t.extended ext.jobs "$dead"
same rb.tsv ext/t.tsv
echo "ext: $dead died; extensions run twice: $(echo $FAILED); identical to m2h-extend's, $((SECONDS - T0)) s"
awk -F'\t' '$2 == "extend_sample" { printf "  %s %s %s %s %s\n", $1, $2, $8, $3, $4 }' ext.jobs
"$CLUSTER_SH" start-node "$CLUSTER" "$dead"

# 5. The disk fills: the output (and work) directory on a tmpfs too small for the run.
mkdir small
mount -t tmpfs -o size=6m m2h-small small
trap 'umount -l "$WORK/small" 2>/dev/null; "$CLUSTER_SH" stop "$CLUSTER"; rm -rf "$WORK"' EXIT
write_config full.yaml input=m.tsv output=small/all.vcf.gz split_by=chrom retries=0
SINCE=$(last_job)
# One job at a time: with several writing, a job that meets the full disk before its first log
# line has no room left for its message either (docs/usage.md, "On a SLURM cluster"). In turn, the
# job that fills the disk is a transform, which removes its temporary before it reports.
wf full.log "${profile[@]}" --jobs 1 --configfile full.yaml && fail "full: the run succeeded on a full disk"
grep -rh "No space left on device" small/logs/all/ | head -n 1 | grep -q "'small/" \
  || fail "full: no job log names the full disk: $(cat small/logs/all/transform/*.log | tail)"
echo "full: $(grep -rh "No space left on device" small/logs/all/ | head -n 1)"
[ ! -e small/all.vcf.gz ] && [ ! -e small/all.summary.tsv ] || fail "full: a final output exists"
[ -z "$(find small -name '.*.tmp.*')" ] || fail "full: temporaries left: $(find small -name '.*.tmp.*')"
# Every transformed part that exists under its final name is whole.
for f in small/work/all/transformed/*.vcf.gz; do
  [ -e "$f" ] || continue
  bgzip -t "$f" 2>/dev/null || fail "full: $f looks finished but is not whole"
done
mount -o remount,size=256m small
wf full-resume.log "${profile[@]}" --configfile full.yaml --rerun-incomplete || fail "full: with room: $(tail -30 full-resume.log)"
same ref/all.vcf.gz small/all.vcf.gz
same ref/all.summary.tsv small/all.summary.tsv
echo "full: with room made, the same command finished; output identical"
pass
