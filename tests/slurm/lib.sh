# Shared helpers for the tests that run on the test cluster (sourced after the workflow or
# Nextflow tests' lib.sh): start a cluster of NODES nodes in the scratch directory (stopped
# when the test ends), and read SLURM's accounting records of the jobs a run submitted.
# Needs root and Debian's munge, slurm-wlm, slurmdbd and mariadb-server.
CLUSTER_SH=$M2H_SRC/tests/slurm/cluster.sh

# start_cluster [NODES]: the cluster, SLURM_CONF exported; stopped on exit.
start_cluster() {
  local missing="" c
  [ "$(id -u)" -eq 0 ] || missing="root"
  for c in munged slurmctld slurmd slurmdbd sbatch sacct mysqld; do command -v "$c" >/dev/null || missing="$missing $c"; done
  [ -z "$missing" ] || fail "the SLURM tests need$missing (make deps-test, as root)"
  CLUSTER=$WORK/cluster
  mkdir -p "$CLUSTER"
  trap '"$CLUSTER_SH" stop "$CLUSTER"; rm -rf "$WORK"' EXIT
  "$CLUSTER_SH" start "$CLUSTER" "${1:-3}" || fail "the cluster did not start"
  export SLURM_CONF=$CLUSTER/slurm.conf
}

# last_job: the newest job id SLURM has given (0 if none), to tell one run's jobs apart.
last_job() { sacct -X -n -P -a -o JobIDRaw 2>/dev/null | sort -n | tail -n 1 | grep . || echo 0; }

# jobs_after ID: the jobs submitted after job ID, one per line, TAB-separated:
#   id  step  state  node  cpus  memory  timelimit
# step: the workflow step (split, transform, summary, merge, simulate), from the job name
# (m2h-STEP for the sbatch profiles, nf-M2H_STEP_(tag) for Nextflow) or, for the Snakemake
# SLURM plugin (job name = run id), its comment rule_STEP...
jobs_after() {
  sacct -X -n -P -a -S now-1days -o JobIDRaw,JobName,Comment,State,NodeList,AllocCPUS,ReqMem,Timelimit |
    awk -F'|' -v after="$1" 'BEGIN { OFS = "\t" }
      $1 > after + 0 {
        step = $2
        if (step ~ /^m2h-/) sub(/^m2h-/, "", step)
        else if (step ~ /^nf-M2H_/) { sub(/^nf-M2H_/, "", step); sub(/_.*/, "", step); step = tolower(step) }
        else { step = $3; sub(/^rule_/, "", step); sub(/_wildcards.*/, "", step) }
        print $1, step, $4, $5, $6, $7, $8
      }'
}
