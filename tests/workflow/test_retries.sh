# Retries: a transform job that fails once (a shim first on PATH, killed as the kernel's
# OOM killer would) is run again with its memory and runtime doubled, and the run ends
# with the same output as the whole transform; with retries: 0 the same fault fails the
# run and leaves no final output.
source "$(dirname "$0")/lib.sh"

m2h-simulate --rows 3000 --chroms 3 --seed 9 -o m.tsv
m2h-transform -o whole.tsv m.tsv

# The shim fails the first attempt at part 2 (chr2) only: it leaves a marker for the next.
mkdir shim
cat > shim/m2h-transform <<SHIM
#!/usr/bin/env bash
if [[ " \$* " == *" --part 2 "* ]] && [ ! -e "$PWD/failed-once" ]; then
  touch "$PWD/failed-once"
  echo "shim: killed" >&2
  kill -9 \$\$
fi
exec "$M2H_BIN/m2h-transform" "\$@"
SHIM
chmod +x shim/m2h-transform

write_config c.yaml input=m.tsv output=out/all.tsv format=seed retries=1 split_by=chrom
PATH=$PWD/shim:$PATH wf run.log --cores 1 --configfile c.yaml || fail "the retry did not rescue the run: $(tail run.log)"
[ -e failed-once ] || fail "test setup: the shim never failed a job"
cmp -s out/all.tsv whole.tsv || fail "output after a retry differs from the whole transform"

# Snakemake prints each attempt's resources: part 2 ran twice, the second time with twice
# the memory and runtime; the other parts once.
attempts() { awk -v part="$1" '/^(local)?rule transform:/ { r = 1 } /^    output:/ { o = r && index($0, part) } /^    resources:/ && o { print; r = o = 0 }' run.log; }
[ "$(attempts part-000002 | wc -l)" -eq 2 ] || fail "part 2 should have run twice: $(attempts part-000002)"
first=$(attempts part-000002 | head -n 1) second=$(attempts part-000002 | tail -n 1)
[[ $first == *mem_mb=256,* && $first == *runtime=60,* ]] || fail "first attempt: $first"
[[ $second == *mem_mb=512,* && $second == *runtime=120,* ]] || fail "second attempt: $second"
[ "$(attempts part-000001 | wc -l)" -eq 1 ] || fail "part 1 ran $(attempts part-000001 | wc -l) times"
grep -q "Trying to restart job" run.log || fail "Snakemake did not report the restart"

# No retries: the same fault stops the run, with no final output.
rm -rf out .snakemake failed-once
sed -i 's/^retries: 1$/retries: 0/' c.yaml
PATH=$PWD/shim:$PATH wf run0.log --cores 1 --configfile c.yaml && fail "a failed job without retries did not fail the run"
grep -q "Error in rule transform" run0.log || fail "no transform error reported: $(tail run0.log)"
absent out/all.tsv
pass
