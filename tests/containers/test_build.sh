# The container recipes' build script (containers/build.sh), run on the host into a fresh
# prefix: the tools it installs pass the command-line tests, and the recipes call it.
set -euo pipefail
: "${M2H_SRC:?set M2H_SRC}" "${M2H_DATA:?set M2H_DATA}"
work=$(mktemp -d "${TMPDIR:-/tmp}/m2h-container.XXXXXX")
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

"$M2H_SRC/containers/build.sh" --prefix "$work/prefix" > "$work/build.log" 2>&1 || fail "build.sh: $(tail -20 "$work/build.log")"
for t in m2h-split m2h-transform m2h-merge m2h-simulate m2h-wf-split m2h-wf-transform m2h-wf-summary m2h-wf-merge; do
  [ -x "$work/prefix/bin/$t" ] || fail "$t not installed"
done
for script in "$M2H_SRC"/tests/cli/test_*.sh; do
  case $script in *_large.sh|*many_contigs.sh) continue ;; esac
  M2H_BIN=$work/prefix/bin bash "$script" > "$work/t.log" 2>&1 || fail "$(basename "$script") with the installed tools: $(tail "$work/t.log")"
done
for recipe in Dockerfile apptainer.def; do
  grep -q "containers/build.sh --deps --prefix /opt/m2h" "$M2H_SRC/containers/$recipe" || fail "$recipe does not run containers/build.sh"
done
echo "PASS: test_build.sh"
