#!/usr/bin/env bash
# What the workflow, Nextflow, cluster and reader tests did, for the CI log: ctest shows a test's
# output only when it fails, but these tests print the commands they ran, task and job
# counts, and each fault and what the engine did about it. Prints, for every test whose
# name matches REGEX, its output and its time, from CTest's LastTest.log.
#   tests/log_digest.sh BUILD_DIR [REGEX]      default: workflow, snakemake7, nextflow, readers,
#                                               containers
set -euo pipefail
log=${1:?usage: log_digest.sh BUILD_DIR [REGEX]}/Testing/Temporary/LastTest.log
re=${2:-^(workflow|snakemake7|nextflow|readers|containers)\\.}
[ -f "$log" ] || exit 0
RE=$re awk '
  /^[0-9]+\/[0-9]+ Testing: / { name = $3; show = name ~ ENVIRON["RE"]; out = 0; if (show) print "== " name; next }
  show && /^Output:$/ { out = 1; getline; next }
  show && /^<end of output>$/ { out = 0; next }
  show && out { print "   " $0 }
  show && /^Test time/ { print "   (" $0 ")" }' "$log"
