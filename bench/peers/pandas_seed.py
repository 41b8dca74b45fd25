#!/usr/bin/python3
"""The usual pandas + multiprocessing program for the seed rule (SPEC section 2), following
the algorithm of the original script, as the benchmark peer of
`m2h-transform --format seed --samples auto`:

  read_csv of the whole matrix (column names from a separate header file, or here from the
  first line); groupby('CHROM') into an ordered dict of frames; Pool(3).map over the frames;
  each worker turns its frame back into text with to_csv, splits it into lines and, per line,
  splits on TAB, takes alt = set(fields[3:]) minus N and REF, skips the line if that is
  empty, else joins each sample pair's two haplotype letters with '|' (N and - replaced by
  REF) and appends the built line to one growing string, which it returns as read_csv of
  that string; the parent concatenates the frames with pd.concat and writes them with
  to_csv.

Written here from that description; the only change is that the alternates are sorted, so
its output is byte-identical to m2h-transform's (a set has no order).

Usage: pandas_seed.py MATRIX OUT [HEADER_FILE]   (MATRIX plain or gzip/bgzip; without
       HEADER_FILE its first line is the header)
"""
import gzip
import io
import sys
from collections import OrderedDict
from multiprocessing import Pool

import pandas as pd


def header_names(matrix, header_file):
    if header_file:
        with open(header_file) as f:
            return f.readline().rstrip("\n").split("\t")
    with open(matrix, "rb") as f:
        gz = f.read(2) == b"\x1f\x8b"
    with gzip.open(matrix, "rt") if gz else open(matrix) as f:
        return f.readline().rstrip("\n").split("\t")


def sample_pairs(columns):
    """Column indexes of the <x>a/<x>b pairs, and the samples' names <x>a<x>b."""
    index = {c: i for i, c in enumerate(columns)}
    pairs = [(index[c], index[c[:-1] + "b"], c + c[:-1] + "b")
             for c in columns[3:] if c.endswith("a") and c[:-1] + "b" in index]
    return pairs


def seed_table(frame):
    """One chromosome's frame -> its seed table, line by line as the original does."""
    columns = list(frame.columns)
    pairs = sample_pairs(columns)
    names = ["contig", "pos", "ref", "alt"]
    for _, _, sample in pairs:
        names += [f"{sample}_PI", f"{sample}_PG_al"]
    text = frame.to_csv(sep="\t", header=False, index=False)
    out = ""
    for line in text.splitlines():
        fields = line.split("\t")
        ref = fields[2]
        alt = set(fields[3:]) - {"N", ref}
        if not alt:
            continue
        built = [fields[0], fields[1], ref, ",".join(sorted(alt))]
        for a, b, _ in pairs:
            ha = ref if fields[a] in ("N", "-") else fields[a]
            hb = ref if fields[b] in ("N", "-") else fields[b]
            built += [fields[0], f"{ha}|{hb}"]
        out += "\t".join(built) + "\n"
    return pd.read_csv(io.StringIO(out), sep="\t", header=None, names=names, dtype=str,
                       keep_default_na=False)


def main():
    matrix, out = sys.argv[1], sys.argv[2]
    header_file = sys.argv[3] if len(sys.argv) > 3 else None
    names = header_names(matrix, header_file)
    df = pd.read_csv(matrix, sep="\t", header=None, names=names, skiprows=0 if header_file else 1,
                     dtype=str, keep_default_na=False)
    frames = OrderedDict((chrom, frame) for chrom, frame in df.groupby(names[0]))
    with Pool(3) as pool:
        tables = pool.map(seed_table, frames.values())
    pd.concat(tables).to_csv(out, sep="\t", index=False)


if __name__ == "__main__":
    main()
