#!/usr/bin/python3
"""Test data for the readers of our haplotype tables (phase-Extender, phase-Stitcher), and
the checks of what they make of it. Standard library only; deterministic for a seed.

  haplotypes.py panel DIR [--seed N]
      A population of mosaics of a few founder haplotypes (so that haplotypes predict each
      other, as in a real panel), in three genome matrices over the same positions:
      DIR/panel.tsv (the panel: samples s01a/s01b ... and an unpaired outgroup column),
      DIR/soi.tsv (the sample of interest alone: soia/soib), DIR/full.tsv (both), and
      DIR/truth.tsv (CHROM POS and the sample of interest's two haplotypes).
  haplotypes.py f1 DIR [--seed N]
      An F1 hybrid (f1a/f1b: f1a from the paternal population pat*, f1b from the maternal
      one mat*) in DIR/f1.tsv, and DIR/truth.tsv.
  haplotypes.py blocks SAMPLE TABLE [--min N --max N]
      Rewrites SAMPLE's columns of a hap table (stdout) as read-backed phasing leaves them:
      its heterozygous sites cut into blocks of N to M sites (PI = the block's first
      position), every other block flipped; its other sites unphased ('.').
  haplotypes.py check-extension TRUTH BLOCKS EXTENDED SAMPLE
      phase-Extender's extended haplotype against the truth: fails unless blocks were
      joined and every joined block equals the truth up to one flip.
  haplotypes.py check-stitch TRUTH LONG SAMPLE
      phase-Stitcher's long output: in every block, f1a's alleles given to the father.
"""
import argparse
import csv
import random
import sys

BASES = "ACGT"


def mosaic(rng, founders, sites, switch_rate):
    """A haplotype copied from one founder, switching to another now and then."""
    current = rng.randrange(len(founders))
    hap = []
    for i in range(sites):
        if rng.random() < switch_rate:
            current = rng.randrange(len(founders))
        hap.append(founders[current][i])
    return hap


def founders_for(rng, sites, count):
    """count founder haplotypes over biallelic sites: True = the alternate allele."""
    freqs = [rng.uniform(0.15, 0.85) for _ in range(sites)]
    return [[rng.random() < freqs[i] for i in range(sites)] for _ in range(count)]


def write_matrix(path, chroms, positions, refs, alts, columns):
    """columns: (name, [bool per site] or [allele per site]) in order."""
    with open(path, "w") as out:
        out.write("\t".join(["CHROM", "POS", "REF"] + [name for name, _ in columns]) + "\n")
        for i, (chrom, pos) in enumerate(zip(chroms, positions)):
            row = [chrom, str(pos), refs[i]]
            for _, hap in columns:
                v = hap[i]
                row.append(v if isinstance(v, str) else (alts[i] if v else refs[i]))
            out.write("\t".join(row) + "\n")


def layout(rng, chrom_count, sites_per_chrom):
    chroms, positions, refs, alts = [], [], [], []
    for c in range(1, chrom_count + 1):
        pos = 0
        for _ in range(sites_per_chrom):
            pos += rng.randint(1, 40)
            ref = rng.choice(BASES)
            chroms.append(f"chr{c}")
            positions.append(pos)
            refs.append(ref)
            alts.append(rng.choice([b for b in BASES if b != ref]))
    return chroms, positions, refs, alts


def with_missing(rng, hap, rate):
    return ["N" if rng.random() < rate else v for v in hap]


def cmd_panel(args):
    rng = random.Random(args.seed)
    chroms, positions, refs, alts = layout(rng, 2, 1500)
    n = len(positions)
    founders = founders_for(rng, n, 8)
    panel = []
    for s in range(1, 16):
        for h in "ab":
            panel.append((f"s{s:02d}{h}", with_missing(rng, mosaic(rng, founders, n, 1 / 500), 0.01)))
    outgroup = [("outgroup", [rng.random() < 0.05 for _ in range(n)])]
    soi = [("soia", mosaic(rng, founders, n, 1 / 500)), ("soib", mosaic(rng, founders, n, 1 / 500))]
    write_matrix(f"{args.dir}/panel.tsv", chroms, positions, refs, alts, panel + outgroup)
    write_matrix(f"{args.dir}/soi.tsv", chroms, positions, refs, alts, soi)
    write_matrix(f"{args.dir}/full.tsv", chroms, positions, refs, alts, panel + soi + outgroup)
    write_truth(f"{args.dir}/truth.tsv", chroms, positions, refs, alts, soi)


def cmd_f1(args):
    rng = random.Random(args.seed)
    chroms, positions, refs, alts = layout(rng, 2, 800)
    n = len(positions)
    # Two populations of their own founders: the F1's haplotypes tell them apart.
    pat_founders, mat_founders = founders_for(rng, n, 4), founders_for(rng, n, 4)
    columns = []
    for group, founders in (("pat", pat_founders), ("mat", mat_founders)):
        for s in range(1, 5):
            for h in "ab":
                columns.append((f"{group}{s}{h}", mosaic(rng, founders, n, 1 / 300)))
    f1 = [("f1a", mosaic(rng, pat_founders, n, 1 / 300)), ("f1b", mosaic(rng, mat_founders, n, 1 / 300))]
    write_matrix(f"{args.dir}/f1.tsv", chroms, positions, refs, alts, columns + f1)
    write_truth(f"{args.dir}/truth.tsv", chroms, positions, refs, alts, f1)


def write_truth(path, chroms, positions, refs, alts, pair):
    with open(path, "w") as out:
        out.write("CHROM\tPOS\ta\tb\n")
        for i in range(len(positions)):
            a, b = (alts[i] if hap[i] else refs[i] for _, hap in pair)
            out.write(f"{chroms[i]}\t{positions[i]}\t{a}\t{b}\n")


def cmd_blocks(args):
    rng = random.Random(7)
    pi, pg = f"{args.sample}:PI", f"{args.sample}:PG_al"
    with open(args.table) as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
        fields = list(rows[0].keys())
    out = csv.DictWriter(sys.stdout, fields, delimiter="\t", lineterminator="\n")
    out.writeheader()
    chrom, left, block, flip = None, 0, None, True
    for row in rows:
        a, _, b = row[pg].partition("|")
        if row[pi] == "." or a == b:  # missing or homozygous: not phased by reads
            row[pi] = row[pg] = "."
            out.writerow(row)
            continue
        if row["CHROM"] != chrom or left == 0:
            chrom, left, block, flip = row["CHROM"], rng.randint(args.min, args.max), row["POS"], not flip
        left -= 1
        row[pi] = block
        if flip:
            row[pg] = f"{b}|{a}"
        out.writerow(row)


def read_truth(path):
    with open(path) as f:
        return {(r["CHROM"], r["POS"]): (r["a"], r["b"]) for r in csv.DictReader(f, delimiter="\t")}


def cmd_check_extension(args):
    truth = read_truth(args.truth)
    pi, pg = f"{args.sample}:PI", f"{args.sample}:PG_al"
    with open(args.blocks) as f:
        before = {(r["CHROM"], r[pi]) for r in csv.DictReader(f, delimiter="\t") if r[pi] != "."}
    with open(args.extended) as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    blocks = {}
    for r in rows:
        a, _, b = r[pg].partition("|")
        ta, tb = truth[(r["CHROM"], r["POS"])]
        if a == b:
            continue
        same = (a, b) == (ta, tb)
        if not same and (a, b) != (tb, ta):
            sys.exit(f"FAIL: {r['CHROM']}:{r['POS']} {a}|{b} is neither {ta}|{tb} nor its flip")
        blocks.setdefault((r["CHROM"], r[pi]), []).append(same)
    errors = sum(1 for calls in blocks.values() if len(set(calls)) > 1)
    joined = len(before) - len(blocks)
    print(f"phase-Extender: {len(before)} read-backed blocks of {args.sample} -> {len(blocks)} "
          f"blocks ({joined} joins), {len(rows)} sites; blocks with a phase error: {errors}")
    if errors:
        for key, calls in blocks.items():
            if len(set(calls)) > 1:
                print(f"  block {key}: {calls.count(True)} sites as the truth, {calls.count(False)} flipped")
        sys.exit("FAIL: phase errors in joined blocks")
    if joined <= 0:
        sys.exit("FAIL: no blocks were joined")


def cmd_check_stitch(args):
    truth = read_truth(args.truth)
    pi = f"{args.sample}:PI"
    with open(args.long) as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    if not rows:
        sys.exit("FAIL: phase-Stitcher wrote no haplotypes")
    blocks = {}
    for r in rows:
        a, b = truth[(r["CHROM"], r["POS"])]
        if (r["pat_hap"], r["mat_hap"]) != (a, b):
            sys.exit(f"FAIL: {r['CHROM']}:{r['POS']} (block {r[pi]}, log2odds {r['log2odds']}): "
                     f"father {r['pat_hap']}, mother {r['mat_hap']}; the truth is {a} from the father, {b} from the mother")
        blocks[(r["CHROM"], r[pi])] = r["log2odds"]
    print(f"phase-Stitcher: {len(blocks)} blocks of {args.sample}, {len(rows)} sites, every allele given to the "
          f"right parent (log2odds {min(blocks.values(), key=float)} to {max(blocks.values(), key=float)})")


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = p.add_subparsers(dest="cmd", required=True)
    for name in ("panel", "f1"):
        s = sub.add_parser(name)
        s.add_argument("dir")
        s.add_argument("--seed", type=int, default=1)
    s = sub.add_parser("blocks")
    s.add_argument("sample")
    s.add_argument("table")
    s.add_argument("--min", type=int, default=8)
    s.add_argument("--max", type=int, default=30)
    s = sub.add_parser("check-extension")
    for a in ("truth", "blocks", "extended", "sample"):
        s.add_argument(a)
    s = sub.add_parser("check-stitch")
    for a in ("truth", "long", "sample"):
        s.add_argument(a)
    args = p.parse_args()
    {"panel": cmd_panel, "f1": cmd_f1, "blocks": cmd_blocks, "check-extension": cmd_check_extension,
     "check-stitch": cmd_check_stitch}[args.cmd](args)


if __name__ == "__main__":
    main()
