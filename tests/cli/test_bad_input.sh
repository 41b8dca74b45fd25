# The bad-input corpus (tests/data/bad/cases.tsv): each case exits 2 with one message
# "m2h-TOOL: WHAT '<file>' line N: DETAIL" naming the file and line, and leaves no output,
# not even a hidden temporary. Each matrix case is run from the file and from stdin.
source "$(dirname "$0")/lib.sh"
BAD=$M2H_DATA/bad
n=0
# check TOOL NAMED LINE WHAT DETAIL OUT CMD...: one run of a case
check() {
  local tool=$1 named=$2 line=$3 what=$4 detail=$5 out=$6 rc=0 where msg
  shift 6
  "$@" > /dev/null 2> err.txt || rc=$?
  [ "$rc" -eq 2 ] || fail "'$*' exited $rc, expected 2: $(cat err.txt)"
  msg=$(grep "^m2h-$tool: " err.txt | tail -n 1)
  if [ "$line" = - ]; then where="'[^']*$named':"; else where="'[^']*$named' line $line:"; fi
  [[ $msg =~ ^m2h-$tool:\ $what\ $where\ .*$detail ]] || fail "'$*': message '$msg' is not /m2h-$tool: $what $where $detail/"
  [ ! -e "$out" ] || [ -z "$(ls -A "$out" 2>/dev/null)" ] || fail "'$*' left output: $(ls -A "$out")"
  absent "$out"
}
# The cases come on fd 3: a tool in the loop must not read them (run through `podman run -i`
# by the container tests, every tool is handed the loop's stdin).
while IFS=$'\t' read -r -u 3 tool args named line what detail; do
  case $tool in '#'*|'') continue ;; esac
  n=$((n + 1))
  read -r -a argv <<< "${args//BAD/$BAD}"
  out=out.$n
  argv=("${argv[@]//OUT/$out}")
  check "$tool" "$named" "$line" "$what" "$detail" "$out" "m2h-$tool" "${argv[@]}"
  # From stdin too, when the input is the matrix itself (the message then names '-').
  last=${argv[-1]}
  if [ "$tool" != merge ] && [ "$(basename "$last")" = "$named" ]; then
    check "$tool" - "$line" "$what" "$detail" "$out" "m2h-$tool" "${argv[@]:0:${#argv[@]}-1}" - < "$last"
  fi
done 3< "$BAD/cases.tsv"
[ "$n" -ge 30 ] || fail "only $n cases read from $BAD/cases.tsv"
# A truncated BGZF stream (a pipe: its end cannot be checked up front) is refused at its end,
# with one and with three threads reading it.
for threads in 0 3; do
  check split - - "truncated BGZF file" "the end-of-file marker is missing" out.pipe \
    bash -c "cat '$BAD/truncated.tsv.bgz' | m2h-split --threads $threads -o out.pipe -"
  check transform - - "truncated BGZF file" "the end-of-file marker is missing" out.pipe \
    bash -c "cat '$BAD/truncated.tsv.bgz' | m2h-transform --threads $threads -o out.pipe -"
done
pass
