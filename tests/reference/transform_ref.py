#!/usr/bin/python3
"""Reference implementation of SPEC section 2 (seed, hap and refhap), written for clarity, not speed.
Usage: transform_ref.py seed|hap|refhap MATRIX [HEADER_FILE]   (pairs <x>a/<x>b like --samples auto)"""
import sys

fmt, matrix = sys.argv[1], sys.argv[2]
rows = [line.rstrip("\n").split("\t") for line in open(matrix)]
header = open(sys.argv[3]).readline().rstrip("\n").split("\t") if len(sys.argv) > 3 else rows.pop(0)
pairs = [(a + a[:-1] + "b", i, header.index(a[:-1] + "b"))
         for i, a in enumerate(header) if i >= 3 and a.endswith("a") and len(a) > 1 and a[:-1] + "b" in header[3:]]
sep = "_" if fmt == "seed" else ":"
out = [{"seed": "contig\tpos\tref\talt", "hap": "CHROM\tPOS\tREF\tall-alleles", "refhap": "CHROM\tPOS\tREF\tALT"}[fmt]]
out[0] += "".join(f"\t{s}{sep}PI\t{s}{sep}PG_al" for s, _, _ in pairs)
for f in rows:
    ref = f[2]
    missing = {"N"} if fmt == "seed" else {"N", "-"}
    alt = sorted(set(f[3:]) - missing - {ref})
    if not alt:
        continue
    cols = [f[0], f[1], ref, ",".join([ref] + alt) if fmt == "hap" else ",".join(alt)]
    for _, h1, h2 in pairs:
        a, b = f[h1], f[h2]
        if fmt == "seed":
            cols += [f[0], (ref if a in "N-" else a) + "|" + (ref if b in "N-" else b)]
        else:
            cols += [".", "."] if a in "N-" or b in "N-" else [f[0], a + "|" + b]
    out.append("\t".join(cols))
print("\n".join(out))
