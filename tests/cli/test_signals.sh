# Killed during a write: SIGTERM (and SIGINT) remove the hidden temporary and leave no
# final file; SIGKILL cannot be caught, so its temporary stays, but no final file appears
# and the next run writes the output whole.
source "$(dirname "$0")/lib.sh"

temp_of() { ls -A "$(dirname "$1")" | grep "^\.$(basename "$1")\.tmp\." || true; }
# start_writing OUT CMD...: run CMD in the background until OUT's temporary exists.
start_writing() {
  local out=$1
  shift
  "$@" & writer=$!
  for _ in $(seq 1 500); do
    [ -n "$(temp_of "$out")" ] && return 0
    kill -0 "$writer" 2>/dev/null || fail "'$*' ended before it could be killed"
    sleep 0.01
  done
  fail "'$*' never created its temporary"
}
big=(m2h-simulate --rows 200000000 --threads 1)   # minutes of work: always killed mid-write

for sig in TERM INT; do
  start_writing m.tsv.gz "${big[@]}" -o m.tsv.gz
  kill "-$sig" "$writer"
  rc=0; wait "$writer" || rc=$?
  [ "$rc" -eq $((128 + $(kill -l "$sig"))) ] || fail "SIG$sig: exit $rc, expected death by the signal"
  absent m.tsv.gz
done

# SIGKILL: no final file; the temporary is left (nothing can remove it) and a rerun is whole.
start_writing m.tsv.gz "${big[@]}" -o m.tsv.gz
kill -KILL "$writer"
wait "$writer" 2>/dev/null || true
[ ! -e m.tsv.gz ] || fail "SIGKILL left a final file"
[ -n "$(temp_of m.tsv.gz)" ] || fail "SIGKILL: expected the temporary to remain"
m2h-simulate --rows 1000 -o m.tsv.gz
[ "$(bgzip -dc m.tsv.gz | wc -l)" -eq 1001 ] || fail "the rerun's output is not whole"

# The same for split (its parts) and transform.
m2h-simulate --rows 3000000 --chroms 4 -o in.tsv
start_writing parts/part-000001-chr1.tsv.gz m2h-split --compress -o parts in.tsv
kill -TERM "$writer"; wait "$writer" 2>/dev/null || true
[ -z "$(ls -A parts 2>/dev/null)" ] || fail "split killed with SIGTERM left: $(ls -A parts)"
start_writing out.vcf.gz m2h-transform --format vcf -o out.vcf.gz in.tsv
kill -TERM "$writer"; wait "$writer" 2>/dev/null || true
absent out.vcf.gz

# With a thread decompressing ahead (--threads 1 on compressed input), stalled on a pipe
# that has sent the first 2 MB: SIGTERM still reaches the main thread, which removes the
# temporary and dies by the signal.
bgzip -c in.tsv > in.tsv.gz
mkfifo stall
{ head -c 2000000 in.tsv.gz; exec sleep 60; } > stall & feeder=$!
start_writing out.tsv m2h-transform --threads 1 -o out.tsv stall
sleep 0.2  # let the reading thread block in read()
kill -TERM "$writer"
rc=0; wait "$writer" || rc=$?
kill "$feeder" 2>/dev/null || true; wait "$feeder" 2>/dev/null || true
[ "$rc" -eq 143 ] || fail "transform --threads 1 killed with SIGTERM: exit $rc, expected 143"
absent out.tsv
[ -z "$(temp_of out.tsv)" ] || fail "SIGTERM left the temporary $(temp_of out.tsv)"
pass
