# m2h-extend's borrowed arithmetic against the real thing: Python's decimal module
# (multiplications of doubles' exact values, products, sums, quotients, logarithms, round(x, 5),
# comparisons with floats) and float repr, and numpy 1.26's argsort on this CPU (the
# phase-extender venv's numpy), on random cases including the chains' shapes.
source "$(dirname "$0")/../readers/lib.sh"
: "${M2H_EXTEND_CHECK:?set M2H_EXTEND_CHECK to the m2h_extend_check test program}"
PE=$(venv phase-extender)
A=$M2H_SRC/tests/extend/arithmetic.py
/usr/bin/python3 "$A" decimal 11 6000 dec.ops dec.expected
"$M2H_EXTEND_CHECK" < dec.ops > dec.got
paste -d'\t' dec.ops dec.expected dec.got | /usr/bin/python3 -c '
import sys
from decimal import Decimal
bad = 0
for line in sys.stdin:
    op, want, got = line.rstrip("\n").split("\t")
    exact = op.split()[0] in ("r5", "cmp", "repr")
    if not (want == got if exact else Decimal(want) == Decimal(got)):
        bad += 1
        if bad <= 5: print(f"{op[:120]}: Python {want}, m2h-extend {got}")
print(f"decimal: {bad} of", sum(1 for _ in open("dec.ops")), "differ")
sys.exit(1 if bad else 0)' || fail "decimal arithmetic differs from Python's"
grep -q "^cmp" dec.ops && grep -q "^ln" dec.ops || fail "no cases"
"$PE/python" -c 'from numpy.core._multiarray_umath import __cpu_features__ as f; print("numpy AVX512_SKX:", f["AVX512_SKX"])'
"$PE/python" "$A" argsort 3 sort.ops sort.expected
"$M2H_EXTEND_CHECK" < sort.ops > sort.got
if ! cmp -s sort.expected sort.got; then
  # numpy sorts otherwise on a CPU without AVX-512 (its own introsort): m2h-extend follows
  # the AVX-512 order everywhere, so only there must they agree
  "$PE/python" -c 'from numpy.core._multiarray_umath import __cpu_features__ as f; import sys; sys.exit(0 if f["AVX512_SKX"] else 1)' \
    && fail "argsort differs from numpy's: $(diff sort.expected sort.got | head -3 | cut -c1-200)"
  echo "numpy here sorts without AVX-512: its order of equal positions is not m2h-extend's (see docs/tools.md)"
fi
echo "argsort: $(wc -l < sort.ops) arrays as numpy orders them"
pass
