# Shared helpers for the workflow tests (sourced after ../cli/lib.sh's checks): run the
# Snakemake workflow of this checkout with the built tools on PATH, in the scratch dir.
source "$(dirname "${BASH_SOURCE[0]}")/../cli/lib.sh"
: "${M2H_SRC:?set M2H_SRC to the source tree}"
# The Snakemake under test: M2H_SNAKEMAKE (the Makefile's venv, or Debian's 7.21).
SNAKEMAKE=${M2H_SNAKEMAKE:-snakemake}
command -v "$SNAKEMAKE" >/dev/null || fail "snakemake not found: '$SNAKEMAKE' (make venv)"
SNAKEMAKE_MAJOR=$("$SNAKEMAKE" --version | cut -d. -f1)
SNAKEFILE=$M2H_SRC/workflow/Snakefile

# write_config FILE key=value...: a config file with the given top-level keys (whole
# numbers as numbers, anything else as a string).
write_config() {
  local file=$1 kv
  shift
  : > "$file"
  for kv in "$@"; do
    if [[ ${kv#*=} =~ ^[0-9]+$ ]]; then printf '%s: %s\n' "${kv%%=*}" "${kv#*=}" >> "$file"
    else printf '%s: "%s"\n' "${kv%%=*}" "${kv#*=}" >> "$file"; fi
  done
}

# wf LOG ARGS...: snakemake on the workflow, output in LOG; returns its exit code.
wf() {
  local log=$1
  shift
  "$SNAKEMAKE" -s "$SNAKEFILE" "$@" > "$log" 2>&1
}

# Output files of the jobs of RULE that LOG reports as finished (one per line).
# Snakemake 7 writes "Finished job 3.", 9 "Finished jobid: 3 (Rule: transform)".
finished_outputs() {
  awk -v rule="$2" '
    /^(local)?(rule|checkpoint) [a-z_]+:/ { r = $2; sub(":", "", r) }
    /^    output:/ { out = $2; sub(",", "", out) }
    /^    jobid:/ { if (r == rule) job[$2] = out }
    /^Finished job(id:)? [0-9]+/ { id = $3; sub("\\.", "", id); if (id in job) print job[id] }
  ' "$1"
}

# Output files of the jobs of RULE that LOG reports as started.
started_outputs() {
  awk -v rule="$2" '
    /^(local)?(rule|checkpoint) [a-z_]+:/ { r = $2; sub(":", "", r) }
    /^    output:/ { if (r == rule) { out = $2; sub(",", "", out); print out } }
  ' "$1"
}
