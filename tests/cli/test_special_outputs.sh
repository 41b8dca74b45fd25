# Outputs that are not regular files: a null device, a full device (/dev/full: every write
# fails with ENOSPC) and a named pipe. They are written in place, never replaced by a
# renamed temporary; a failed write exits 2 naming the file. The device nodes are made in
# the scratch directory (as root), so a regression cannot replace the system's own.
source "$(dirname "$0")/lib.sh"
D=$M2H_DATA
if [ "$(id -u)" -eq 0 ]; then
  mknod null c 1 3 && mknod full c 1 7
  null=$PWD/null full=$PWD/full
else
  null=/dev/null full=/dev/full
fi
device() { [ -c "$1" ] || fail "$1 is no longer a device: $(ls -l "$1")"; }

m2h-simulate --rows 2000 --chroms 2 --poly-rate 0.1 -o m.tsv
m2h-split -o parts m.tsv
for format in seed hap vcf bcf; do
  m2h-transform --format "$format" -o "$null" m.tsv || fail "transform --format $format to a null device"
  device "$null"
  expect_fail 2 "^m2h-transform: cannot write '$full': No space left on device" m2h-transform --format "$format" -o "$full" m.tsv
  device "$full"
done
m2h-simulate --rows 10 -o "$null" && device "$null"
expect_fail 2 "^m2h-simulate: cannot write '$full': No space left on device" m2h-simulate --rows 100000 -o "$full"
m2h-merge --manifest parts/manifest.tsv -o "$null" && device "$null"
expect_fail 2 "^m2h-merge: cannot write '$full': No space left on device" m2h-merge --manifest parts/manifest.tsv -o "$full"
expect_fail 2 "^m2h-transform: cannot write '$full': No space left on device" m2h-transform --stats "$full" -o out.tsv m.tsv
absent out.tsv
device "$full"
[ -z "$(ls -A "$(dirname "$null")" | grep '\.tmp\.')" ] || fail "temporaries left: $(ls -A)"

# A named pipe: the reader gets the whole output, the pipe stays a pipe.
mkfifo pipe
cat pipe > got.tsv & reader=$!
m2h-transform --format hap -o pipe m.tsv
wait "$reader"
m2h-transform --format hap -o want.tsv m.tsv
same want.tsv got.tsv
[ -p pipe ] || fail "the named pipe was replaced"
expect_fail 2 "^m2h-transform: cannot write output 'parts': it is a directory" m2h-transform -o parts m.tsv
pass
