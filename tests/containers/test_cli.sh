# The image's tools pass the command-line tests (tests/cli): each test script runs with
# M2H_BIN=containers/bin, whose m2h-* run the tool through `podman run` in the image
# (containers/bin/m2h-container), on the test's files mounted into the container at their
# own paths, with the caller's umask, stdin, stdout, stderr, signals and exit code.
# ONLY=NAME runs tests/cli/test_NAME.sh alone.
source "$(dirname "$0")/lib.sh"
mkdir -p "$WORK/tmp"
wrappers=$M2H_SRC/containers/bin
# A container outlives a podman client killed with SIGKILL (test_signals does that): the
# containers carry a label, and those still running when a script ends are stopped.
label=m2h-cli-test=$$
stop_leftovers() { podman ps -q --filter "label=$label" | xargs -r podman kill > /dev/null 2>&1 || true; }
trap 'stop_leftovers; rm -rf "$WORK"' EXIT
export M2H_IMAGE=$IMAGE M2H_CONTAINER_MOUNTS=$WORK/tmp:$M2H_DATA M2H_CONTAINER_OPTS="--label $label"
[ "$("$wrappers/m2h-transform" --version)" = "$("$HOST_BIN/m2h-transform" --version)" ] || fail "containers/bin/m2h-transform"

passed=0
for script in "$M2H_SRC"/tests/cli/test_${ONLY:-*}.sh; do
  name=$(basename "$script" .sh)
  start=$(date +%s)
  TMPDIR=$WORK/tmp M2H_BIN=$wrappers bash "$script" > "$WORK/$name.log" 2>&1 \
    || fail "$name with the image's tools: $(tail -20 "$WORK/$name.log")"
  note=""
  left=$(podman ps -q --filter "label=$label" | wc -l)
  [ "$left" -eq 0 ] || note=", $left container(s) of killed clients stopped"
  stop_leftovers
  echo "$name: passed in the image ($(($(date +%s) - start)) s$note)"
  passed=$((passed + 1))
done
echo "$passed command-line test scripts passed with the tools of $IMAGE"
pass
