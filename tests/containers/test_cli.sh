# The image's tools pass the command-line tests (tests/cli): each test script runs with
# M2H_BIN=containers/bin, whose m2h-* run the tool through `podman run` in the image
# (containers/bin/m2h-container), on the test's files mounted into the container at their
# own paths, with the caller's umask, stdin, stdout, stderr and exit code; signals are sent
# to the container itself.
# ONLY=NAME runs tests/cli/test_NAME.sh alone. ARCH=arm64 runs the tools of the arm64 image
# (matrix2hap:VERSION-arm64, made by test_arm64.sh, which runs this so) under qemu-user.
source "$(dirname "$0")/lib.sh"
platform=()
if [ -n "${ARCH:-}" ]; then
  IMAGE=$IMAGE-$ARCH
  platform=(--platform "linux/$ARCH")
  export M2H_EMULATED=1  # the tools' getrusage counts the emulator: no memory bounds
fi
mkdir -p "$WORK/tmp"
wrappers=$M2H_SRC/containers/bin
# A container outlives a podman client killed with SIGKILL (test_signals does that): the
# containers carry a label, and those still running when a script ends are stopped.
label=m2h-cli-test=$$
stop_leftovers() { podman ps -q --filter "label=$label" | xargs -r podman kill > /dev/null 2>&1 || true; }
trap 'stop_leftovers; rm -rf "$WORK"' EXIT
export M2H_IMAGE=$IMAGE M2H_CONTAINER_MOUNTS=$WORK/tmp:$M2H_DATA M2H_CONTAINER_OPTS="--label $label ${platform[*]}"
[ "$("$wrappers/m2h-transform" --version)" = "$("$HOST_BIN/m2h-transform" --version)" ] || fail "containers/bin/m2h-transform"
# A tool that does not read its stdin leaves a piped stdin to the next reader, as on the host
# (podman -i would read it all: `m2h-transform a | cmp - <(m2h-transform b)` lost a's rows).
left=$(printf 'for the next reader\n' | { "$wrappers/m2h-transform" --version > /dev/null; cat; })
[ "$left" = "for the next reader" ] || fail "containers/bin/m2h-transform took a piped stdin it does not read: '$left' left"

passed=0
for script in "$M2H_SRC"/tests/cli/test_${ONLY:-*}.sh; do
  name=$(basename "$script" .sh)
  # test_signals signals the podman client, which passes the signal on to the tool, except
  # now and then with podman 4.3 (the client exits and the container runs on): a race in
  # podman, not in the tool. The signals are sent to the container itself below instead.
  [ "$name" != test_signals ] || continue
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

# Signals to the container (podman kill), where the tool is process 1, which the kernel
# shields from signals it has no handler for: SIGTERM and SIGINT remove the temporary and
# end the tool with 128+N (the exit a shell reports for a death by that signal), mid-write.
cd "$WORK/tmp"
for sig in TERM INT; do
  name=m2h-signal-$$-$sig
  podman run --rm --name "$name" "${platform[@]}" --network none -v "$PWD:$PWD" -w "$PWD" "$IMAGE" \
    m2h-simulate --rows 200000000 --threads 1 -o big.tsv.gz & client=$!
  for _ in $(seq 1 1000); do ls -A | grep -q '^\.big\.tsv\.gz\.tmp\.' && break; sleep 0.01; done
  ls -A | grep -q '^\.big\.tsv\.gz\.tmp\.' || fail "SIG$sig: the tool never created its temporary"
  podman kill --signal "$sig" "$name" > /dev/null
  rc=0; wait "$client" || rc=$?
  [ "$rc" -eq $((128 + $(kill -l "$sig"))) ] || fail "SIG$sig to the container: exit $rc, expected $((128 + $(kill -l "$sig")))"
  [ -z "$(ls -A | grep 'big\.tsv\.gz')" ] || fail "SIG$sig to the container left: $(ls -A)"
  echo "SIG$sig to the container: exit $rc, no file left"
done
pass
