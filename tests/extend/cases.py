#!/usr/bin/python3
"""Edge cases for m2h-extend's comparison with phase-extender 0.1.8, made from a table that
m2h-simulate --read-backed wrote. Standard library only; deterministic.

  cases.py contigs TABLE          contigs renamed 1, 2, 10, X, chrY... in a mixed order
  cases.py numeric TABLE          contigs renamed 1, 2, 10, ... (all numeric)
  cases.py duplicates TABLE SOI   rows at one position: whole-row copies, other genotypes,
                                  a second block starting at a block's first position
  cases.py nested TABLE SOI       blocks nested inside another block's span
  cases.py ints TABLE SOI         every SOI row phased (no '.'), leading zeros in PI
"""
import random
import sys


def read(path):
    with open(path) as f:
        lines = [l.rstrip("\n").split("\t") for l in f if l.strip()]
    return lines[0], lines[1:]


def write(header, rows):
    out = sys.stdout
    out.write("\t".join(header) + "\n")
    for r in rows:
        out.write("\t".join(r) + "\n")


def rename(rows, names):
    order = []
    for r in rows:
        if r[0] not in order:
            order.append(r[0])
    m = {c: names[i % len(names)] for i, c in enumerate(order)}
    for r in rows:
        r[0] = m[r[0]]
    return rows


def main():
    cmd, path = sys.argv[1], sys.argv[2]
    header, rows = read(path)
    rng = random.Random(5)
    if cmd == "contigs":
        write(header, rename(rows, ["10", "X", "2", "chrY", "1"]))
    elif cmd == "numeric":
        write(header, rename(rows, ["2", "10", "1", "3"]))
    elif cmd in ("duplicates", "nested", "ints"):
        soi = sys.argv[3]
        pi, pg = header.index(soi + ":PI"), header.index(soi + ":PG_al")
        out = []
        if cmd == "duplicates":
            starts = {}
            for i, r in enumerate(rows):
                out.append(r)
                k = rng.random()
                if k < 0.02:
                    out.append(list(r))  # a whole-row copy: 0.1.8 drops both
                elif k < 0.06 and r[pg] != ".":
                    d = list(r)  # the same position, other alleles
                    a, _, b = d[pg].partition("|")
                    d[pg] = b + "|" + a
                    d[3] = d[3] + ",T" if rng.random() < 0.5 else d[3]
                    out.append(d)
                elif k < 0.08 and r[pi] != "." and r[pi] not in starts:
                    # a block of its own starting at this block's first row, interleaved
                    starts[r[pi]] = r[1]
                    d = list(r)
                    d[pi] = r[1] + "1"
                    out.append(d)
            # rows of the new blocks after their start: every other row of the old block
            fresh = {v + "1": k for k, v in starts.items()}
            flip = False
            for r in out:
                if r[pi] in starts and r[1] != starts[r[pi]]:
                    flip = not flip
                    if flip:
                        r[pi] = starts[r[pi]] + "1"
        elif cmd == "nested":
            blocks = {}
            for r in rows:
                if r[pi] != ".":
                    blocks.setdefault(r[pi], []).append(r)
            for key, members in list(blocks.items())[::3]:
                if len(members) >= 8:  # a run inside the block becomes a block of its own
                    inner = members[3:6]
                    for r in inner:
                        r[pi] = inner[0][1] + "9"
            out = rows
        else:
            for r in rows:
                if r[pi] == ".":
                    r[pi] = "1"
                    a = r[3].split(",")[0]
                    r[pg] = a + "|" + a
                r[pi] = "0" + r[pi] if rng.random() < 0.1 else r[pi]
            out = rows
        write(header, out)
    else:
        sys.exit(f"unknown case {cmd}")


if __name__ == "__main__":
    main()
