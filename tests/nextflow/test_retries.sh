# Retries: a transform task killed with SIGKILL on its first attempt (a shim first on PATH,
# as the kernel's OOM killer would) is retried with twice the memory and time (the trace
# says so), and the output equals the whole transform; with --retries 0 the same fault
# fails the run and nothing is published.
source "$(dirname "$0")/lib.sh"

m2h-simulate --rows 3000 --chroms 3 --seed 9 -o m.tsv
m2h-transform -o whole.tsv m.tsv

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

PATH=$PWD/shim:$PATH nf run.log --input m.tsv --split_by chrom --format seed --output out/all.tsv --retries 1 \
  || fail "the retry did not rescue the run: $(tail -30 run.log)"
[ -e failed-once ] || fail "test setup: the shim never failed a task"
same whole.tsv out/all.tsv
trace=$(trace_of out)
attempts=$(trace_rows "$trace" M2H_TRANSFORM tag,attempt,status,exit,memory,time | grep part-000002 | sort -t$'\t' -k2)
echo "$attempts"
[ "$(echo "$attempts" | wc -l)" -eq 2 ] || fail "part 2 should have run twice: $attempts"
echo "$attempts" | head -n 1 | grep -qP '\t1\tFAILED\t137\t256 MB\t1h$' || fail "first attempt: $attempts"
echo "$attempts" | tail -n 1 | grep -qP '\t2\tCOMPLETED\t0\t512 MB\t2h$' || fail "second attempt: $attempts"
[ "$(trace_rows "$trace" M2H_TRANSFORM tag | grep -c part-000001)" -eq 1 ] || fail "part 1 ran more than once"

# No retries: the same fault ends the run, and nothing is published.
rm -rf out work .nextflow* failed-once
PATH=$PWD/shim:$PATH nf run0.log --input m.tsv --split_by chrom --format seed --output out/all.tsv --retries 0 \
  && fail "a failed task without retries did not fail the run"
grep -q "Process .M2H_TRANSFORM (part-000002). terminated with an error exit status (137)" run0.log \
  || fail "no transform error reported: $(tail -30 run0.log)"
absent out/all.tsv out/all.summary.tsv
pass
