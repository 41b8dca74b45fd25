# Real SLURM: a one-node cluster on 127.0.0.1 (tests/slurm/cluster.sh) runs the workflow
# through workflow/profiles/slurm. Every job went through sbatch with its rule's threads,
# memory and runtime (SLURM's job completion records say so), and the output equals a
# local run's. Needs root, munge and slurm-wlm: skipped (exit 77) without them, except
# under CI=true, where missing requirements fail the test.
source "$(dirname "$0")/lib.sh"

missing=""
[ "$(id -u)" -eq 0 ] || missing="root"
for c in munged slurmctld slurmd sbatch scontrol; do command -v "$c" >/dev/null || missing="$missing $c"; done
if [ -n "$missing" ]; then
  [ "${CI:-}" = true ] && fail "CI=true but the SLURM test cannot run: missing$missing"
  echo "SKIP: needs$missing"
  exit 77
fi

cluster=$WORK/cluster
mkdir -p "$cluster"
"$M2H_SRC/tests/slurm/cluster.sh" start "$cluster" || fail "the cluster did not start"
trap '"$M2H_SRC/tests/slurm/cluster.sh" stop "$cluster"; rm -rf "$WORK"' EXIT
export SLURM_CONF=$cluster/slurm.conf

m2h-simulate --rows 40000 --chroms 3 --seed 9 --poly-rate 0.05 -o m.tsv.gz
write_config c.yaml input=m.tsv.gz output=out/all.vcf.gz format=vcf
wf slurm.log --profile "$M2H_SRC/workflow/profiles/slurm" --configfile c.yaml || fail "SLURM run: $(tail -30 slurm.log)"
m2h-transform --format vcf --no-version -o whole.vcf m.tsv.gz
bgzip -dc out/all.vcf.gz | cmp -s - whole.vcf || fail "the SLURM run's output differs from the whole transform"

# SLURM's own records (jobcomp/filetxt): one completed job per rule run, with its resources.
records=$cluster/jobcomp.log
[ -s "$records" ] || fail "SLURM recorded no job"
count() { grep -c "Name=m2h-$1 .*JobState=COMPLETED" "$records" || true; }
[ "$(count split)" -eq 1 ] || fail "split: $(count split) SLURM jobs: $(cat "$records")"
[ "$(count transform)" -eq 3 ] || fail "transform: $(count transform) SLURM jobs, 3 parts"
[ "$(count summary)" -eq 1 ] && [ "$(count merge)" -eq 1 ] || fail "summary/merge SLURM jobs: $(cat "$records")"
grep "Name=m2h-split " "$records" | grep -q "TimeLimit=60 .*Tres=cpu=2,mem=256M" || fail "split resources: $(grep m2h-split "$records")"
grep "Name=m2h-transform " "$records" | grep -vq "TimeLimit=60 .*Tres=cpu=1,mem=256M" && fail "transform resources: $(grep m2h-transform "$records")"
grep -q "Submitted job .* with external jobid" slurm.log || fail "Snakemake did not submit through sbatch"
[ -n "$(ls logs/slurm/*-transform.out 2>/dev/null)" ] || fail "no SLURM job logs"
pass
