# `nextflow run workflow/main.nf -profile podman`: every task runs its tools from the image
# (no m2h-* on the host's PATH), and the output is byte-identical to the host's
# m2h-transform: parts as byte ranges of a plain matrix (the matrix reaches the container
# as a task input), LZ4 copies of a gzip one, VCF and refhap; the simulated example of the
# README, the whole pipeline (a read-backed VCF in regions, two samples extended, the
# extended VCF). The trace names each task's container; -resume reuses every task.
source "$(dirname "$0")/lib.sh"

"$HOST_BIN/m2h-simulate" --rows 30000 --chroms 5 --seed 11 --poly-rate 0.05 -o m.tsv
gzip -c m.tsv > plain.gz
"$HOST_BIN/m2h-transform" --format vcf --no-version -o whole.vcf m.tsv
"$HOST_BIN/m2h-transform" --format refhap -o whole.refhap.tsv m.tsv

# check_containers DIR TASKS: the run's trace lists TASKS tasks, each run in $IMAGE.
check_containers() {
  local trace
  trace=$(trace_of "$1")
  trace_rows "$trace" "" process,container,status > tasks.tsv
  [ "$(wc -l < tasks.tsv)" -eq "$2" ] || fail "$1: $2 tasks expected: $(cat tasks.tsv)"
  awk -F'\t' -v img="$IMAGE" '$2 != img || ($3 != "COMPLETED" && $3 != "CACHED")' tasks.tsv | grep . \
    && fail "$1: tasks not run in $IMAGE: $(cat tasks.tsv)"
  echo "$1: $(cut -f1 tasks.tsv | sort | uniq -c | awk '{ printf "%s%s x%s", (NR > 1 ? ", " : ""), $2, $1 }'), each in $IMAGE"
}

nf ranges.log -profile podman --input m.tsv --output ranges/m.vcf.gz --part_size_mb 1 || fail "ranges: $(tail -30 ranges.log)"
bgzip -dc ranges/m.vcf.gz | cmp -s - whole.vcf || fail "ranges: the output differs from the host's m2h-transform"
grep -q -- "--ranges" work/*/*/.command.err || fail "no split task took byte ranges"
grep -l "podman run" work/*/*/.command.run > /dev/null || fail "no task was run by podman"
check_containers ranges 6
# -resume (of that run, the last one): nothing runs again.
nf resume.log -profile podman --input m.tsv --output ranges/m.vcf.gz --part_size_mb 1 -resume || fail "resume: $(tail -30 resume.log)"
grep -q "Submitted process" resume.log && fail "-resume ran tasks again: $(grep 'Submitted process' resume.log)"
[ "$(grep -c "Cached process" resume.log)" -eq 6 ] || fail "-resume: 6 cached tasks expected: $(grep -c 'Cached process' resume.log)"
bgzip -dc ranges/m.vcf.gz | cmp -s - whole.vcf || fail "resume: output changed"
check_containers ranges 6

nf copy.log -profile podman --input plain.gz --format refhap --output copy/panel.tsv --part_size_mb 1 || fail "copy: $(tail -30 copy.log)"
same whole.refhap.tsv copy/panel.tsv
check_containers copy 6

# The README's example, in the image (smaller here): a simulated read-backed VCF in regions,
# soi and s01 extended (one task each) and scored against its truth; the host's tools give
# the same bytes.
nf example.log -profile podman --output example/example.vcf.gz --example_rows 20000 --example_chroms 3 \
  || fail "example: $(tail -30 example.log)"
"$HOST_BIN/m2h-simulate" --read-backed --rows 20000 --chroms 3 --seed 1 --samples 6 --read-backed-samples 3 \
  --truth ex.truth.tsv.gz -o ex.vcf.gz
"$HOST_BIN/m2h-transform" --format vcf --no-version -o example.vcf ex.vcf.gz
bgzip -dc example/example.vcf.gz | cmp -s - example.vcf || fail "example: differs from the host's tools"
"$HOST_BIN/m2h-transform" --format hap -o ex.tsv ex.vcf.gz
for s in soi s01; do
  "$HOST_BIN/m2h-extend" --input ex.tsv --SOI "$s" --switch-errors ex.truth.tsv.gz --output "ext.$s" 2> /dev/null
  diff -r "ext.$s" "example/example.extended/$s" > /dev/null || fail "example: $s's extension differs from the host's m2h-extend"
done
[ -s example/example.extended.vcf.gz ] || fail "example: no extended VCF"
# simulate, split, 3 transforms, summary, merge; the table, the samples, 2 extensions, their summary
check_containers example 12

pass
