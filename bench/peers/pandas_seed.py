#!/usr/bin/python3
"""The usual pandas approach to the seed rule (SPEC section 2), as the benchmark peer for
`m2h-transform --format seed --samples auto`. Written the way the original script did it:
read the whole matrix into one DataFrame, group by chromosome, hand each chromosome's frame
to a multiprocessing.Pool(3) worker that builds the output DataFrame row by row, concat the
results and write them with to_csv. Its output is byte-identical to m2h-transform's.

Usage: pandas_seed.py MATRIX OUT        (MATRIX plain or gzip/bgzip, with a header line)
"""
import sys
from multiprocessing import Pool

import pandas as pd


def sample_pairs(columns):
    """Columns <x>a/<x>b form sample <x>a<x>b, in the order of the a column."""
    names = set(columns)
    return [(c, c[:-1] + "b") for c in columns if c.endswith("a") and c[:-1] + "b" in names]


def seed_rows(frame):
    """One chromosome: the seed table of its rows (rows with no alternate dropped)."""
    haps = list(frame.columns[3:])
    pairs = sample_pairs(haps)

    def one_row(row):
        ref = row["REF"]
        alt = sorted(set(row[haps]) - {ref, "N"})
        if not alt:
            return None
        out = [row["CHROM"], row["POS"], ref, ",".join(alt)]
        for a, b in pairs:
            ha = ref if row[a] in ("N", "-") else row[a]
            hb = ref if row[b] in ("N", "-") else row[b]
            out += [row["CHROM"], ha + "|" + hb]
        return out

    rows = [r for r in frame.apply(one_row, axis=1) if r is not None]
    names = ["contig", "pos", "ref", "alt"]
    for a, b in pairs:
        names += [a + b + "_PI", a + b + "_PG_al"]
    return pd.DataFrame(rows, columns=names)


def main():
    matrix, out = sys.argv[1], sys.argv[2]
    df = pd.read_csv(matrix, sep="\t", dtype=str, keep_default_na=False, compression="infer"
                     if not matrix.endswith(".gz") else "gzip")
    df = df.rename(columns={df.columns[0]: "CHROM"})
    groups = [g for _, g in df.groupby("CHROM", sort=False)]
    with Pool(3) as pool:
        results = pool.map(seed_rows, groups)
    pd.concat(results).to_csv(out, sep="\t", index=False)


if __name__ == "__main__":
    main()
