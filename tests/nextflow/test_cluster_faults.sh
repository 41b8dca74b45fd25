# What goes wrong on a cluster, with Nextflow's SLURM executor (-profile slurm) on a
# 3-node test cluster with accounting (tests/slurm/cluster.sh). Each run's output must
# equal the Snakemake workflow's local run, byte for byte, with the row accounting holding
# (an undisturbed run first gives the wall time to compare with):
#  - a node dies during the transforms (its slurmd and its jobs' processes killed): its
#    jobs end NODE_FAIL, Nextflow finds them gone without an exit status and retries them
#    (conf/base.config) on the other nodes (the profile turns SLURM's requeue off);
#    exactly those parts ran twice;
#  - slurmctld restarts in the middle of the run: the run goes on;
#  - Nextflow itself is killed (SIGKILL) while jobs run: -resume finishes, the split and
#    the transforms that had finished come from the cache; those that were running are
#    run again in new task directories (their first jobs finish on their own, in theirs);
#  - a node dies while samples of interest are extended (one task each, from a read-backed
#    VCF): those tasks end NODE_FAIL and are retried on the other nodes; every sample's
#    files equal m2h-extend's on the whole table;
#  - the work and output directories are on a tmpfs too small for the run: it fails
#    naming the full disk, publishes nothing; with room made, -resume finishes.
source "$(dirname "$0")/lib.sh"
source "$M2H_SRC/tests/slurm/lib.sh"
start_cluster 3

m2h-simulate --rows 360000 --haplotypes 200 --poly-rate 0.5 --chroms 6 --seed 21 -o m.tsv
write_config ref.yaml input=m.tsv output=ref/all.vcf.gz split_by=chrom
wf ref.log --cores 2 --configfile ref.yaml || fail "local run: $(tail -20 ref.log)"
# Poll the queue every 2 s, and give up on a job that vanished without an exit status
# after 10 s (Nextflow's defaults: 1 min and 270 s), for a test.
printf 'executor {\n    pollInterval = "2 sec"\n    queueStatInterval = "2 sec"\n    exitReadTimeout = "10 sec"\n}\n' > fast.config
args=(-profile slurm -c fast.config --input m.tsv --split_by chrom)

# start NAME [ARGS]: the pipeline through SLURM in the background, output NAME/all.vcf.gz.
start() {
  local name=$1
  shift
  SINCE=$(last_job)
  echo "+ nextflow run workflow/main.nf ${args[*]} --output $name/all.vcf.gz $*"
  setsid "$NEXTFLOW" run "$MAIN_NF" "${args[@]}" --output "$name/all.vcf.gz" "$@" > "$name.log" 2>&1 &
  PID=$!
  T0=$SECONDS
}
# check NAME [NODES]: output, index and accounting equal the local run's, its transforms ran
# on at least NODES nodes (2); its jobs in NAME.jobs.
check() {
  same ref/all.vcf.gz "$1/all.vcf.gz"
  same ref/all.vcf.gz.csi "$1/all.vcf.gz.csi"
  same ref/all.summary.tsv "$1/all.summary.tsv"
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

# 1. A node dies while transforms run on it. A transform job is over in about a second, and
# a kill that lands after its tool finished finds the task done (exit status written: no
# NODE_FAIL, nothing to retry): the transforms of this run start 3 s late (a slow node's
# shim first on PATH), so that the kill falls inside them.
mkdir slow
cat > slow/m2h-transform <<SHIM
#!/usr/bin/env bash
sleep 3
exec "$M2H_BIN/m2h-transform" "\$@"
SHIM
chmod +x slow/m2h-transform
PATH=$PWD/slow:$PATH start node
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
  trace_rows "$(trace_of node)" M2H_TRANSFORM tag,attempt,status | grep -qP "^$p\t2\tCOMPLETED$" \
    || fail "node: $p's second attempt is not in the trace: $(trace_rows "$(trace_of node)" M2H_TRANSFORM tag,attempt,status)"
  # As on a real node, its wrapper died with it: no exit status written (cluster.sh kill-node).
  hash=$(trace_rows "$(trace_of node)" M2H_TRANSFORM tag,attempt,hash | awk -F'\t' -v p="$p" '$1 == p && $2 == 1 { print $3 }')
  [ -n "$hash" ] && [ -d "$(echo work/"$hash"*)" ] || fail "node: no task directory for $p's first attempt ($hash)"
  [ ! -e "$(echo work/"$hash"*)/.exitcode" ] || fail "node: $p's first attempt, killed with $dead, wrote exit status $(cat work/"$hash"*/.exitcode)"
done
echo "node: $dead died; ran twice: $(echo $failed)"
"$CLUSTER_SH" start-node "$CLUSTER" "$dead"

# 2. The controller is down for 10 s while the transforms run, two jobs at a time, so that
# Nextflow submits while sbatch cannot reach it (the slurm profile submits again).
printf 'executor.queueSize = 2\n' > two.config
start ctld -c two.config
wait_running transform || fail "ctld: no transform ran: $(tail ctld.log)"
"$CLUSTER_SH" restart-ctld "$CLUSTER" 10
wait "$PID" || fail "ctld: the run did not survive a controller restart: $(tail -30 ctld.log)"
check ctld 1  # two jobs at a time may all go to one node
echo "ctld: sbatch refused while the controller was down, then submitted again: $(grep -c 'Batch job submission failed' .nextflow.log || true) times"
[ -z "$(parts_run_twice ctld.jobs)" ] || fail "ctld: parts ran twice: $(parts_run_twice ctld.jobs)"

# 3. Nextflow is killed (SIGKILL) once a transform has finished and others run (two jobs
# at a time, so that some are done and some not).
start kill -c two.config
until awk -F'\t' '$2 == "transform" && $3 == "COMPLETED"' <(jobs_after "$SINCE") | grep -q . && [ -n "$(running_on transform)" ]; do
  kill -0 "$PID" 2>/dev/null || fail "kill: the run ended before it could be killed: $(tail kill.log)"
  sleep 0.2
done
first_trace=$(trace_of kill)
kill -9 "$PID"
wait "$PID" 2>/dev/null || true
finished=$(trace_rows "$first_trace" M2H_TRANSFORM tag,status | awk -F'\t' '$2 == "COMPLETED" { print $1 }' | sort)
[ ! -e kill/all.vcf.gz ] || fail "kill: a killed run published a final output"
echo "kill: Nextflow killed with transforms recorded as finished: $(echo $finished)"
sleep 1  # a trace file of its own (its name has the second in it)
T0=$SECONDS
nf kill-resume.log "${args[@]}" --output kill/all.vcf.gz -c two.config -resume || fail "kill: -resume: $(tail -30 kill-resume.log)"
check kill 1  # two jobs at a time may all go to one node
second=$(trace_of kill)
[ "$(trace_rows "$second" M2H_SPLIT status)" = CACHED ] || fail "kill: the split was redone"
cached=$(trace_rows "$second" M2H_TRANSFORM tag,status | awk -F'\t' '$2 == "CACHED" { print $1 }' | sort)
[ "$cached" = "$finished" ] || fail "kill: cached ($cached) are not the finished ($finished)"
echo "kill: resumed with $(echo "$cached" | grep -c .) transforms cached; run twice: $(parts_run_twice kill.jobs | tr '\n' ' ')"

# 4. A node dies while the samples of interest are extended on it.
extension_input
SINCE=$(last_job)
T0=$SECONDS
echo "+ nextflow run workflow/main.nf -profile slurm --input rb.vcf.gz --format hap --output ext/t.tsv --extend_samples $EXTEND"
setsid "$NEXTFLOW" run "$MAIN_NF" -profile slurm -c fast.config --input rb.vcf.gz --format hap --output ext/t.tsv \
  --extend_samples "$EXTEND" > ext.log 2>&1 &
PID=$!
wait_running extend_sample || fail "ext: no extension ran: $(tail ext.log)"
dead=$(running_on extend_sample | head -n 1)
"$CLUSTER_SH" kill-node "$CLUSTER" "$dead"
wait "$PID" || fail "ext: the run did not survive the loss of $dead: $(tail -30 ext.log)"
settled_jobs_after "$SINCE" > ext.jobs
check_extension ext/t.extended ext.jobs "$dead"
same rb.tsv ext/t.tsv
for s in $FAILED; do
  trace_rows "$(trace_of ext)" M2H_EXTEND_SAMPLE tag,attempt,status | grep -qP "^$s\t2\tCOMPLETED$" \
    || fail "ext: $s's second attempt is not in the trace: $(trace_rows "$(trace_of ext)" M2H_EXTEND_SAMPLE tag,attempt,status)"
done
echo "ext: $dead died; extensions run twice: $(echo $FAILED); identical to m2h-extend's, $((SECONDS - T0)) s"
awk -F'\t' '$2 == "extend_sample" { printf "  %s %s %s %s %s\n", $1, $2, $8, $3, $4 }' ext.jobs
"$CLUSTER_SH" start-node "$CLUSTER" "$dead"

# 5. The disk fills: work and output directories on a tmpfs too small for the run.
mkdir small
mount -t tmpfs -o size=6m m2h-small small
trap 'umount -l "$WORK/small" 2>/dev/null; "$CLUSTER_SH" stop "$CLUSTER"; rm -rf "$WORK"' EXIT
SINCE=$(last_job)
# One job at a time: with several writing, a job that meets the full disk before its first log
# line (mkdir, staging) has no room left for its message either, and Nextflow shows exit status
# 1 with no error text (docs/usage.md, "On a SLURM cluster"). In turn, the job that fills the disk
# is a transform, which removes its temporary before it reports.
printf 'executor.queueSize = 1\n' > one.config
nf full.log "${args[@]}" -c one.config -w small/work --output small/out/all.vcf.gz --retries 0 && fail "full: the run succeeded on a full disk"
grep -q "No space left on device" full.log || fail "full: the error does not name the full disk: $(tail -40 full.log)"
echo "full: $(grep -m1 "No space left on device" full.log)"
[ ! -e small/out/all.vcf.gz ] && [ ! -e small/out/all.summary.tsv ] || fail "full: a final output was published"
[ -z "$(find small -name '.*.tmp.*')" ] || fail "full: temporaries left: $(find small -name '.*.tmp.*')"
for f in small/work/*/*/out/*.vcf.gz; do
  [ -e "$f" ] || continue
  bgzip -t "$f" 2>/dev/null || fail "full: $f looks finished but is not whole"
done
mount -o remount,size=256m small
nf full-resume.log "${args[@]}" -w small/work --output small/out/all.vcf.gz --retries 0 -resume \
  || fail "full: with room: $(tail -30 full-resume.log)"
same ref/all.vcf.gz small/out/all.vcf.gz
same ref/all.summary.tsv small/out/all.summary.tsv
echo "full: with room made, -resume finished; output identical"
pass
