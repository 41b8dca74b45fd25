# `-profile slurm,podman` on the 3-node test cluster: every task is a SLURM job that runs its
# tool in the image (no m2h-* on the host's PATH; SLURM's accounting lists the jobs, the
# trace their containers), and the output is byte-identical to the host's m2h-transform.
source "$(dirname "$0")/lib.sh"
source "$M2H_SRC/tests/slurm/lib.sh"
start_cluster 3

"$HOST_BIN/m2h-simulate" --rows 60000 --chroms 6 --seed 9 --poly-rate 0.05 -o m.tsv.gz
"$HOST_BIN/m2h-transform" --format vcf --no-version -o whole.vcf m.tsv.gz

# Poll the queue every 2 s instead of the profile's 15 s, for a test.
printf 'executor {\n    pollInterval = "2 sec"\n    queueStatInterval = "2 sec"\n}\n' > fast.config
since=$(last_job)
nf slurm.log -profile slurm,podman -c fast.config --input m.tsv.gz --output out/all.vcf.gz --split_by chrom \
  || fail "$(tail -30 slurm.log)"
bgzip -dc out/all.vcf.gz | cmp -s - whole.vcf || fail "the output differs from the host's m2h-transform"

settled_jobs_after "$since" > jobs.tsv
echo "sacct (id step state node cpus memory timelimit part):"
sed 's/^/  /' jobs.tsv
[ "$(awk -F'\t' '$3 == "COMPLETED"' jobs.tsv | wc -l)" -eq 9 ] && [ "$(wc -l < jobs.tsv)" -eq 9 ] \
  || fail "9 completed jobs expected (split, 6 transforms, summary, merge)"
trace_rows "$(trace_of out)" "" native_id,process,container > tasks.tsv
awk -F'\t' -v img="$IMAGE" '$3 != img' tasks.tsv | grep . && fail "tasks not run in $IMAGE: $(cat tasks.tsv)"
cut -f1 tasks.tsv | sort -n | cmp -s - <(cut -f1 jobs.tsv | sort -n) || fail "the trace's jobs are not SLURM's"
grep -l "podman run" work/*/*/.command.run > /dev/null || fail "no job ran podman"
echo "9 SLURM jobs on nodes $(cut -f4 jobs.tsv | sort -u | tr '\n' ' ')each ran its tool in $IMAGE"
pass
