# Shared helpers for the Nextflow pipeline tests (sourced): the workflow tests' helpers
# (Snakemake, to compare with), and the pipeline of this checkout run with the built tools
# on PATH, in the scratch directory, with M2H_NEXTFLOW (the Makefile's pinned install, or
# yours).
source "$(dirname "${BASH_SOURCE[0]}")/../workflow/lib.sh"
NEXTFLOW=${M2H_NEXTFLOW:-nextflow}
command -v "$NEXTFLOW" >/dev/null || fail "nextflow not found: '$NEXTFLOW' (make nextflow)"
MAIN_NF=$M2H_SRC/workflow/main.nf
export NXF_OFFLINE=true NXF_ANSI_LOG=false

# nf LOG ARGS...: nextflow run of the pipeline, output in LOG; returns its exit code. The
# command line and the number of tasks it ran go to the test's log.
nf() {
  local log=$1 rc=0
  shift
  echo "+ nextflow run workflow/main.nf $*"
  "$NEXTFLOW" run "$MAIN_NF" "$@" > "$log" 2>&1 || rc=$?
  echo "  exit $rc, tasks submitted: $(grep -c '^\[[0-9a-f][0-9a-f]/[0-9a-f]*\] Submitted process' "$log" || true)"
  return $rc
}

# trace_rows TRACE PROCESS COL1,COL2...: those columns of PROCESS's rows of a trace file
# (PROCESS "" for every row), TAB-separated.
trace_rows() {
  awk -F'\t' -v proc="$2" -v cols="$3" '
    NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; n = split(cols, want, ","); next }
    proc == "" || $col["process"] == proc {
      line = ""; for (i = 1; i <= n; i++) line = line (i > 1 ? "\t" : "") $col[want[i]]; print line
    }' "$1"
}

# The trace file of the run whose output directory is DIR (the newest one).
trace_of() { ls -t "$1"/pipeline_info/trace_*.txt | head -n 1; }
