# README's and docs/performance.md's figures are the committed bench results' own
# (tests/docs/check_figures.py computes each phrase from bench/results/*.tsv).
set -euo pipefail
: "${M2H_SRC:?set M2H_SRC}"
/usr/bin/python3 "$M2H_SRC/tests/docs/check_figures.py" "$M2H_SRC"
echo "PASS: test_figures.sh"
