# Real SLURM: `-profile slurm` on a 3-node test cluster with accounting
# (tests/slurm/cluster.sh). Every process ran as a SLURM job (SLURM's own records: job
# names, state, CPUs, memory, time limit), on more than one node; the output equals the
# Snakemake workflow's local run.
source "$(dirname "$0")/lib.sh"
source "$M2H_SRC/tests/slurm/lib.sh"
start_cluster 3

m2h-simulate --rows 60000 --chroms 6 --seed 9 --poly-rate 0.05 -o m.tsv.gz
write_config local.yaml input=m.tsv.gz output=local/all.vcf.gz format=vcf split_by=chrom
wf local.log --cores 2 --configfile local.yaml || fail "local run: $(tail -20 local.log)"

# Poll the queue every 2 s instead of the profile's 15 s, for a test.
printf 'executor {\n    pollInterval = "2 sec"\n    queueStatInterval = "2 sec"\n}\n' > fast.config
since=$(last_job)
nf slurm.log -profile slurm -c fast.config --input m.tsv.gz --output out/all.vcf.gz --split_by chrom || fail "$(tail -30 slurm.log)"
same local/all.vcf.gz out/all.vcf.gz
same local/all.vcf.gz.csi out/all.vcf.gz.csi
same local/all.summary.tsv out/all.summary.tsv

settled_jobs_after "$since" > jobs.tsv
cat jobs.tsv
count() { awk -F'\t' -v s="$1" '$2 == s && $3 == "COMPLETED"' jobs.tsv | wc -l; }
[ "$(count split)" -eq 1 ] && [ "$(count summary)" -eq 1 ] && [ "$(count merge)" -eq 1 ] \
  || fail "one completed split, summary and merge job expected"
[ "$(count transform)" -eq 6 ] || fail "6 completed transform jobs expected, SLURM has $(count transform)"
[ "$(wc -l < jobs.tsv)" -eq 9 ] || fail "9 jobs expected, SLURM has $(wc -l < jobs.tsv)"
# The labels' resources (conf/base.config): process_low (split) 2 CPUs, process_single 1; 256 MB, 1 h.
awk -F'\t' '$2 == "split"' jobs.tsv | grep -vqP '\t2\t256M\t01:00:00\t' \
  && fail "split should ask for 2 CPUs, 256M, 1 h"
awk -F'\t' '$2 == "transform" || $2 == "summary" || $2 == "merge"' jobs.tsv | grep -vqP '\t1\t256M\t01:00:00\t' \
  && fail "transforms, summary and merge should ask for 1 CPU, 256M, 1 h"
# The trace's native ids are these SLURM jobs.
trace_rows "$(trace_of out)" "" native_id | sort -n > native.txt
cut -f1 jobs.tsv | sort -n | cmp -s - native.txt || fail "trace native ids $(tr '\n' ' ' < native.txt) are not SLURM's jobs"
nodes=$(cut -f4 jobs.tsv | sort -u | tr '\n' ' ')
[ "$(echo "$nodes" | wc -w)" -ge 2 ] || fail "every job ran on $nodes"
echo "9 SLURM jobs completed on nodes $nodes"
pass
