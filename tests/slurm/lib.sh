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
#   id  step  state  node  cpus  memory  timelimit  part
# step: the workflow step (split, transform, summary, merge, simulate, extend_sample...), from
# the job name (m2h-STEP for the sbatch profiles, nf-M2H_STEP_(tag) for Nextflow) or, for the
# Snakemake SLURM plugin (job name = run id), its comment rule_STEP_wildcards_part=...; part:
# the part-NNNNNN a transform job worked on, or the sample an extend_sample job extended,
# where the name or comment says it ("-" if not).
jobs_after() {
  sacct -X -n -P -a -S now-1days -o JobIDRaw,JobName,Comment,State,NodeList,AllocCPUS,ReqMem,Timelimit |
    awk -F'|' -v after="$1" 'BEGIN { OFS = "\t" }
      $1 > after + 0 {
        step = $2
        if (step ~ /^m2h-/) sub(/^m2h-/, "", step)
        else if (step ~ /^nf-M2H_/) { sub(/^nf-M2H_/, "", step); sub(/_\(.*/, "", step); step = tolower(step) }
        else { step = $3; sub(/^rule_/, "", step); sub(/_wildcards.*/, "", step) }
        part = "-"
        if (match($2 " " $3, /part-[0-9]+/)) part = substr($2 " " $3, RSTART, RLENGTH)
        else if (step == "extend_sample" && match($2 " " $3, /(_wildcards_|_\()[^ ()]+/))
          { part = substr($2 " " $3, RSTART, RLENGTH); sub(/^(_wildcards_|_\()/, "", part) }
        state = $4; sub(/ .*/, "", state)  # "CANCELLED by 0" -> CANCELLED
        print $1, step, state, $5, $6, $7, $8, part
      }'
}

# settled_jobs_after ID [SECONDS]: jobs_after ID once every such job the controller knows
# has ended and the accounting records its end. A workflow engine may return as soon as
# its last job's script is done, before slurmctld ends the job and before slurmdbd, which
# is told asynchronously, records it; listing then would miss the job. Gives up after
# SECONDS (60) and lists what is there, for the caller's checks to name.
settled_jobs_after() {
  local end=$((SECONDS + ${2:-60})) ctl acct
  while :; do
    # Jobs slurmctld still holds (MinJobAge keeps ended ones 300 s): id and state.
    ctl=$(squeue -h -t all -o '%i %T' 2>/dev/null | awk -v after="$1" '$1 > after + 0' | sort)
    acct=$(sacct -X -n -P -a -S now-1days -o JobIDRaw,State 2>/dev/null |
      awk -F'|' -v after="$1" '$1 > after + 0 { sub(/ .*/, "", $2); print $1, $2 }' | sort)
    if ! grep -qvE ' (COMPLETED|FAILED|CANCELLED|TIMEOUT|NODE_FAIL|OUT_OF_MEMORY|PREEMPTED|BOOT_FAIL|DEADLINE)$' <<< "$ctl" \
       && [ -z "$(comm -23 <(echo "$ctl") <(echo "$acct"))" ]; then
      break
    fi
    if [ "$SECONDS" -ge "$end" ]; then
      echo "settled_jobs_after: after ${2:-60} s the controller has [$ctl], accounting [$acct]" >&2
      break
    fi
    sleep 0.5
  done
  jobs_after "$1"
}

# running_on STEP: the nodes running a job of STEP now (squeue), one per line.
running_on() {
  squeue -h -t R -o '%N|%j|%k' 2>/dev/null | awk -F'|' -v s="$1" '
    { step = $2 "|" $3 }
    step ~ ("m2h-" s "\\|") || step ~ ("nf-M2H_" toupper(s) "_") || step ~ ("rule_" s "(_|$)") { print $1 }' | sort -u
}

# running_parts: the parts (part-NNNNNN) whose transform job is running now (squeue).
running_parts() {
  squeue -h -t R -o '%j|%k' 2>/dev/null | { grep -o 'part-[0-9]*' || true; } | sort -u
}

# wait_running STEP [SECONDS]: until a job of STEP runs (0), or the time is out (1).
wait_running() {
  local end=$((SECONDS + ${2:-300}))
  until [ -n "$(running_on "$1")" ]; do
    [ "$SECONDS" -lt "$end" ] || return 1
    sleep 0.2
  done
}

# The jobs of the parts that ran more than once (sorted), from a jobs_after listing.
parts_run_twice() { awk -F'\t' -v s="${2:-transform}" '$2 == s { n[$8]++ } END { for (p in n) if (n[p] > 1) print p }' "$1" | sort; }
# The parts whose transform job (or STEP's) ended with STATE.
parts_with_state() { awk -F'\t' -v st="$2" -v s="${3:-transform}" '$2 == s && $3 == st { print $8 }' "$1" | sort -u; }

# extension_input: rb.vcf.gz, a read-backed phased VCF whose six samples of interest (EXTEND,
# soi,s01,...,s05) take a few seconds each to extend (long enough to be caught running), and
# want/<sample>/, m2h-extend's files for each on the whole table.
extension_input() {
  EXTEND=soi,s01,s02,s03,s04,s05
  m2h-simulate --read-backed --rows 300000 --chroms 2 --samples 7 --read-backed-samples 5 --seed 8 -o rb.vcf.gz
  m2h-transform --format hap -o rb.tsv rb.vcf.gz
  mkdir -p want
  local s
  for s in ${EXTEND//,/ }; do
    m2h-extend --input rb.tsv --SOI "$s" --output "want/$s" 2> /dev/null || fail "m2h-extend --SOI $s"
  done
}
# check_extension DIR JOBS DEAD: DIR/<sample>/ equals want/<sample>/ for every sample; in the
# jobs_after listing JOBS, the extensions that ended NODE_FAIL (some must) are exactly those
# run twice, each completed on a node other than DEAD. Sets FAILED.
check_extension() {
  local s
  for s in ${EXTEND//,/ }; do
    diff -r -x .snakemake_timestamp "want/$s" "$1/$s" > /dev/null || fail "$1/$s differs from m2h-extend's"
  done
  FAILED=$(parts_with_state "$2" NODE_FAIL extend_sample)
  [ -n "$FAILED" ] || fail "no extension ended NODE_FAIL on $3: $(cat "$2")"
  [ "$(parts_run_twice "$2" extend_sample)" = "$FAILED" ] \
    || fail "extensions run twice ($(parts_run_twice "$2" extend_sample)) are not those on $3 ($FAILED)"
  for s in $FAILED; do
    awk -F'\t' -v s="$s" -v d="$3" '$2 == "extend_sample" && $8 == s && $3 == "COMPLETED" && $4 != d' "$2" | grep -q . \
      || fail "$s's extension was not completed on another node"
  done
}
