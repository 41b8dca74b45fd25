# Bad parameters stop the run before any task, with one line naming the parameter: an
# unknown format, a missing input, header or sample sheet, an output name that does not
# suit the format, a bad number. Then -stub-run of the whole pipeline (each process's stub)
# succeeds, without running a tool. Then --publish_mode auto: a hard link to the task's
# file when the output directory is on the work directory's filesystem, a copy when not
# (/dev/shm, a tmpfs), the same bytes either way.
source "$(dirname "$0")/lib.sh"

m2h-simulate --rows 1000 --chroms 2 -o m.tsv
# bad NAME PATTERN ARGS...: the run fails before any task; its error line matches PATTERN.
bad() {
  local name=$1 pattern=$2
  shift 2
  nf "$name.log" "$@" && fail "$name: the run succeeded"
  grep -q "Submitted process" "$name.log" && fail "$name: a task ran before the error: $(cat "$name.log")"
  [ "$(grep -c "matrix2hap params:" "$name.log")" -eq 1 ] || fail "$name: not one error line: $(cat "$name.log")"
  grep -q "matrix2hap params: $pattern" "$name.log" || fail "$name: error does not match '$pattern': $(cat "$name.log")"
  [ ! -e work ] || [ -z "$(ls work)" ] || fail "$name: task directories were made"
}
bad format "--format 'vfc' is not one of seed, hap, refhap, vcf, bcf" --input m.tsv --format vfc
bad lengths "--contig_lengths 'ref.fai' does not exist" --input m.tsv --contig_lengths ref.fai
bad input "--input 'missing.tsv' does not exist" --input missing.tsv
bad header "--header 'nohead.txt' does not exist" --input m.tsv --header nohead.txt
bad samples "--samples: sample sheet 'sheet.tsv' does not exist" --input m.tsv --samples sheet.tsv
bad output "--output 'out/all.tsv' does not suit format 'vcf'" --input m.tsv --format vcf --output out/all.tsv
bad bcf-output "--output 'out/all.vcf.gz' does not suit format 'bcf'" --input m.tsv --format bcf --output out/all.vcf.gz
bad split "--split_by 'contig' is not one of size, chrom, rows" --input m.tsv --split_by contig
bad rows "--rows_per_part 'many' is not a whole number >= 1" --input m.tsv --split_by rows --rows_per_part many
bad scatter "--scatter 'links' is not one of auto, copy, ranges" --input m.tsv --scatter links
bad size "--part_size_mb '0' is not a whole number >= 1" --input m.tsv --part_size_mb 0
bad publish "--publish_mode 'hardlink' is not one of auto, copy, link, move, symlink, rellink, copyNoFollow" \
  --input m.tsv --publish_mode hardlink

# -stub-run: every process's stub block, the whole graph, no tool run.
nf stub.log -stub-run --output stub/x.vcf.gz || fail "-stub-run: $(tail -30 stub.log)"
for p in M2H_SIMULATE M2H_SPLIT M2H_TRANSFORM M2H_SUMMARY M2H_MERGE; do
  grep -q "Submitted process > $p" stub.log || fail "-stub-run did not run $p"
done
[ -e stub/x.vcf.gz ] && [ ! -s stub/x.vcf.gz ] || fail "-stub-run should publish the stub's empty output"

# links FILE: its hard link count.
links() { stat -c %h "$1"; }
nf same.log --input m.tsv --output same/m.vcf.gz || fail "publish, same filesystem: $(tail -30 same.log)"
for f in same/m.vcf.gz same/m.vcf.gz.csi same/m.summary.tsv; do
  [ "$(links "$f")" -eq 2 ] || fail "publish auto: $f should be a hard link to the task's file (links: $(links "$f"))"
done
shm=$(mktemp -d /dev/shm/m2h-publish.XXXXXX)
trap 'rm -rf "$shm" "$WORK"' EXIT  # (replaces lib.sh's, which removed $WORK)
[ "$(stat -c %d "$shm")" != "$(stat -c %d .)" ] || fail "/dev/shm is on the test directory's filesystem: no cross-filesystem case"
nf other.log --input m.tsv --output "$shm/m.vcf.gz" || fail "publish, other filesystem: $(tail -30 other.log)"
for f in m.vcf.gz m.vcf.gz.csi m.summary.tsv; do
  [ "$(links "$shm/$f")" -eq 1 ] || fail "publish auto: $shm/$f should be a copy (links: $(links "$shm/$f"))"
  cmp -s "$shm/$f" "same/$f" || fail "publish auto: $f differs between the link and the copy"
done
pass
