# Real SLURM: the workflow through each SLURM profile on a 3-node test cluster with
# accounting (tests/slurm/cluster.sh): Snakemake 8+ with the SLURM executor plugin
# (profile slurm) and with the cluster-generic plugin (profile cluster-generic, no sacct),
# Snakemake 7 with its --cluster profile (profile slurm, config.yaml). SLURM's own records
# (sacct) show one completed job per step and per part, with the rule's CPUs, memory and
# time limit, on more than one node; the output equals a local run's. Parts by default on a
# cluster: the split, a SLURM job, makes at least as many parts as the run's --jobs (not its
# node's cores), and the same run asked again with other --jobs has nothing to do.
source "$(dirname "$0")/lib.sh"
source "$M2H_SRC/tests/slurm/lib.sh"
start_cluster 3

m2h-simulate --rows 60000 --chroms 6 --seed 9 --poly-rate 0.05 -o m.tsv.gz
m2h-transform --format vcf --no-version -o whole.vcf m.tsv.gz
write_config local.yaml input=m.tsv.gz output=local/all.vcf.gz format=vcf split_by=chrom
wf local.log --cores 2 --configfile local.yaml || fail "local run: $(tail -20 local.log)"

if [ "$SNAKEMAKE_MAJOR" -ge 8 ]; then
  profiles=(slurm cluster-generic)
  # Short waits before and between the plugin's status checks (sacct), for a test.
  fast=(--slurm-init-seconds-before-status-checks 1 --seconds-between-status-checks 1)
else
  profiles=(slurm)
  fast=()
fi
for profile in "${profiles[@]}"; do
  since=$(last_job)
  write_config "$profile.yaml" input=m.tsv.gz "output=$profile/all.vcf.gz" format=vcf split_by=chrom
  extra=()
  [ "$profile" = slurm ] && extra=("${fast[@]}")
  echo "+ snakemake --profile workflow/profiles/$profile ${extra[*]}"
  wf "$profile.log" --profile "$M2H_SRC/workflow/profiles/$profile" --configfile "$profile.yaml" "${extra[@]}" \
    || fail "$profile: $(tail -30 "$profile.log")"
  same local/all.vcf.gz "$profile/all.vcf.gz"
  same local/all.summary.tsv "$profile/all.summary.tsv"
  bgzip -dc "$profile/all.vcf.gz" | cmp -s - whole.vcf || fail "$profile: the output differs from the whole transform"

  settled_jobs_after "$since" > "$profile.jobs"
  cat "$profile.jobs"
  count() { awk -F'\t' -v s="$1" '$2 == s && $3 == "COMPLETED"' "$profile.jobs" | wc -l; }
  [ "$(count split)" -eq 1 ] && [ "$(count summary)" -eq 1 ] && [ "$(count merge)" -eq 1 ] \
    || fail "$profile: one completed split, summary and merge job expected"
  [ "$(count transform)" -eq 6 ] || fail "$profile: 6 completed transform jobs expected, SLURM has $(count transform)"
  [ "$(wc -l < "$profile.jobs")" -eq 9 ] || fail "$profile: 9 jobs expected, SLURM has $(wc -l < "$profile.jobs")"
  # The rules' resources (config/config.yaml): cpus, memory (MB), time limit (minutes).
  awk -F'\t' '$2 == "split"' "$profile.jobs" | grep -vqP '\t2\t256M\t01:00:00\t' \
    && fail "$profile: split should ask for 2 CPUs, 256M, 1 h"
  awk -F'\t' '$2 == "transform" || $2 == "merge"' "$profile.jobs" | grep -vqP '\t1\t256M\t01:00:00\t' \
    && fail "$profile: transforms and merge should ask for 1 CPU, 256M, 1 h"
  nodes=$(cut -f4 "$profile.jobs" | sort -u | tr '\n' ' ')
  [ "$(echo "$nodes" | wc -w)" -ge 2 ] || fail "$profile: every job ran on $nodes"
  echo "$profile: 9 jobs completed on nodes $nodes"
done

# 200 MB in parts of 1000 MB, with --jobs 3: parts of 67 MB. A job's own Snakemake sees its
# node's 2 CPUs; the split must use the run's 3. (Snakemake 8+ only, for time: Snakemake 7's
# jobs get the setting the same way, through the environment sbatch passes on.)
[ "$SNAKEMAKE_MAJOR" -ge 8 ] || { pass; exit 0; }
m2h-simulate --rows 2640000 --chroms 2 --seed 5 -o big.tsv
write_config size.yaml input=big.tsv output=size/all.tsv format=seed
since=$(last_job)
wf size.log --profile "$M2H_SRC/workflow/profiles/slurm" --configfile size.yaml "${fast[@]}" --jobs 3 \
  || fail "size split: $(tail -30 size.log)"
grep -q "parts of 67 MB, not 1000: .* at least 3 parts" size/logs/all/split.log \
  || fail "size split with --jobs 3: $(cat size/logs/all/split.log)"
parts=$(($(wc -l < size/all.summary.tsv) - 2))
[ "$parts" -ge 3 ] || fail "size split with --jobs 3: $parts parts"
wf size-again.log --profile "$M2H_SRC/workflow/profiles/slurm" --configfile size.yaml "${fast[@]}" --jobs 7 -n \
  || fail "size split, again: $(tail -30 size-again.log)"
grep -q "Nothing to be done" size-again.log || fail "other --jobs made the run split again: $(tail -30 size-again.log)"
echo "size split on SLURM, --jobs 3: $parts parts ($(cat size/logs/all/split.log | head -n 1)); with --jobs 7 nothing to do"
pass
