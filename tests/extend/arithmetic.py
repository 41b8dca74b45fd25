#!/usr/bin/env python3
"""Random cases of the arithmetic m2h-extend takes from Python (decimal, float repr) and
numpy (argsort quicksort), with the answers of the real ones.

  arithmetic.py decimal SEED N OPS EXPECTED   (Python's decimal module, default context)
  arithmetic.py argsort SEED OPS EXPECTED     (numpy: run with the phase-extender venv)
"""
import random
import sys


def doubles(rng):
    k = rng.random()
    if k < 0.3:  # what the chains divide: half counts by allele counts
        return rng.randint(1, 64) / 2 / rng.randint(1, 40)
    if k < 0.6:
        return rng.randint(1, 40) / rng.randint(1, 80)
    return rng.random() * 10 ** rng.randint(-30, 5)


def decimal_cases(seed, n, ops_path, exp_path):
    from decimal import Decimal
    rng = random.Random(seed)

    def dec():
        return Decimal(doubles(rng)) * Decimal(doubles(rng))

    def norm(x):
        return str(x.normalize()) if x != 0 else ("-0" if x.is_signed() else "0")

    ops, exp = [], []
    for i in range(n):
        k = i % 8
        if k == 0:
            a, b = doubles(rng), doubles(rng)
            ops.append(f"md {a!r} {b!r}"); exp.append(norm(Decimal(a) * Decimal(b)))
        elif k in (1, 2, 3):
            a, b = dec(), dec()
            if rng.random() < 0.3:  # long products, as the chains make
                for _ in range(rng.randint(1, 80)):
                    a = a * dec()
            if rng.random() < 0.2:
                b = -b
            if rng.random() < 0.1:  # far apart
                b = b * Decimal(10) ** -rng.randint(20, 60)
            op = ("mul", "add", "div")[k - 1]
            r = a * b if op == "mul" else (a + b if op == "add" else a / b)
            ops.append(f"{op} {a} {b}"); exp.append(norm(r))
        elif k == 4:
            a = dec() if rng.random() < 0.7 else Decimal(rng.randint(1, 64)) / Decimal(rng.randint(1, 64))
            ops.append(f"ln {a}"); exp.append(norm(a.ln()))
        elif k == 5:
            a = dec().ln() / Decimal(2).ln()
            if rng.random() < 0.3:
                a = a * Decimal("1E-20")  # rounding noise: -0.00000
            ops.append(f"r5 {a}"); exp.append(str(round(a, 5)))
        elif k == 6:
            a = dec(); c = float(a) if rng.random() < 0.5 else doubles(rng)
            ops.append(f"cmp {a} {c!r}"); exp.append(str((a > c) - (a < c)))
        else:
            v = rng.choice([doubles(rng), rng.randint(-10**6, 10**6) * 1.0, rng.random() * 10 ** rng.randint(-8, 20)])
            ops.append(f"repr {v!r}"); exp.append(repr(v))
    # the specification's own examples
    two, thirty_two = Decimal(2), Decimal(32)
    ops += ["ln 2", f"div {thirty_two.ln()} {two.ln()}", "r5 -1.732325231460932456315466799E-20", "r5 0"]
    exp += [norm(two.ln()), norm(thirty_two.ln() / two.ln()), "-0.00000", "0.00000"]
    open(ops_path, "w").write("\n".join(ops) + "\n")
    open(exp_path, "w").write("\n".join(exp) + "\n")


def argsort_cases(seed, ops_path, exp_path):
    import numpy as np
    rng = random.Random(seed)
    ops, exp = [], []
    sizes = list(range(2, 70)) + [100, 255, 256, 257, 300, 1000, 1024, 4000, 20000]
    for n in sizes:
        for kind in ("few", "dups", "sorted-dups", "blocks"):
            if kind == "few":
                a = [rng.randint(0, 3) for _ in range(n)]
            elif kind == "dups":
                a = [rng.randint(0, n // 3 + 1) for _ in range(n)]
            elif kind == "sorted-dups":
                a = sorted(rng.randint(0, n) for _ in range(n))
            else:  # blocks of positions, as an extended contig's rows come (blocks in turn)
                a = []
                while len(a) < n:
                    s = rng.randint(0, 10 * n)
                    a += sorted(s + rng.randint(0, 50) for _ in range(rng.randint(1, 40)))
                a = a[:n]
            ops.append("argsort " + " ".join(map(str, a)))
            exp.append(" ".join(map(str, np.array(a, dtype=np.int64).argsort(kind="quicksort"))))
    open(ops_path, "w").write("\n".join(ops) + "\n")
    open(exp_path, "w").write("\n".join(exp) + "\n")


if __name__ == "__main__":
    if sys.argv[1] == "decimal":
        decimal_cases(int(sys.argv[2]), int(sys.argv[3]), sys.argv[4], sys.argv[5])
    else:
        argsort_cases(int(sys.argv[2]), sys.argv[3], sys.argv[4])
