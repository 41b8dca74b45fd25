# Shared helpers for the command-line tests (sourced). Each test script runs in
# its own scratch directory and fails on the first broken expectation.
set -euo pipefail
# A command failing outside a condition ends the test (set -e) with nothing said: name it.
# ($? first: a command substitution before it would reset it to 0.)
trap 'echo "FAIL: ${0##*/} line $LINENO: a command exited $?" >&2' ERR
: "${M2H_BIN:?set M2H_BIN to the directory of the built tools}"
: "${M2H_DATA:?set M2H_DATA to tests/data}"
export PATH="$M2H_BIN:$PATH"
export LC_ALL=C
WORK=$(mktemp -d "${TMPDIR:-/tmp}/m2h-cli.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
cd "$WORK"

fail() { echo "FAIL: $*" >&2; exit 1; }

# expect_fail CODE REGEX CMD...: CMD exits with CODE and its stderr matches REGEX (and
# does not end in "Success").
expect_fail() {
  local code=$1 pattern=$2 rc=0
  shift 2
  "$@" >"$WORK/.stdout" 2>"$WORK/.stderr" || rc=$?
  [ "$rc" -eq "$code" ] || fail "'$*' exited $rc, expected $code; stderr: $(cat "$WORK/.stderr")"
  grep -Eq -- "$pattern" "$WORK/.stderr" || fail "'$*' stderr does not match /$pattern/: $(cat "$WORK/.stderr")"
  # strerror(0): a message built from an errno that was never set
  ! grep -q "Success$" "$WORK/.stderr" || fail "'$*' stderr ends in 'Success': $(cat "$WORK/.stderr")"
}

# same EXPECTED ACTUAL: byte-identical files.
same() { cmp -s "$1" "$2" || { diff "$1" "$2" | head -20 >&2; fail "$2 differs from $1"; }; }

# absent PATH...: nothing there, not even a hidden temporary beside it.
absent() {
  local p
  for p in "$@"; do
    [ ! -e "$p" ] || fail "$p exists"
    ! ls -A "$(dirname "$p")" 2>/dev/null | grep -q "^\.$(basename "$p")\.tmp" || fail "temporary of $p left behind"
  done
}

pass() { echo "PASS: $(basename "$0")"; }

# True when the tools run under an emulator (the ARM64 build under qemu-user), whose own
# memory the tools' getrusage counts.
emulated() { [ "${M2H_EMULATED:-}" = TRUE ] || [ "${M2H_EMULATED:-}" = ON ] || [ "${M2H_EMULATED:-}" = 1 ]; }
# True when the tools are built with AddressSanitizer, whose shadow memory getrusage counts.
sanitized() { [ "${M2H_SANITIZED:-}" = TRUE ] || [ "${M2H_SANITIZED:-}" = ON ] || [ "${M2H_SANITIZED:-}" = 1 ]; }
# The bound on a tool's own peak memory in MiB: 16 natively; none where the figure holds more
# than the tool (emulated, sanitized).
memory_limit() { if emulated || sanitized; then echo 1000000; else echo 16; fi; }
