# Shared helpers for the reader tests (sourced): the tools that read what we write, each
# in a venv of its own that `make readers` makes under $M2H_READERS from the pinned
# tests/readers/requirements-*.txt. A missing venv fails the test: it is never skipped.
source "$(dirname "${BASH_SOURCE[0]}")/../cli/lib.sh"
: "${M2H_SRC:?set M2H_SRC to the source tree}"
: "${M2H_READERS:?set M2H_READERS to the directory of the reader venvs (make readers)}"
HAPLOTYPES="/usr/bin/python3 $M2H_SRC/tests/readers/haplotypes.py"

# venv NAME: the venv's bin directory, or a failure naming the make target.
venv() {
  local bin=$M2H_READERS/$1/bin
  [ -x "$bin/python" ] || fail "no venv '$M2H_READERS/$1': run 'make readers'"
  echo "$bin"
}
