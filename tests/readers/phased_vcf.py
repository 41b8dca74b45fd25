"""Phased VCFs in each phasing tool's convention, written with pysam, and the table each
must give by the rules of shared/notes/phased-vcf.md (a reference of those rules, written
apart from m2h-transform's). Run with the readers' vcf venv (pysam).

  phased_vcf.py make DIR       DIR/{ps-int,ps-string,phaser,hp,pgt,panel}.vcf (and .bcf of
                               ps-int), the same calls in each encoding; DIR/bad/*.vcf
  phased_vcf.py expect VCF FORMAT [--unphased] [--samples a,b]
                               the hap or refhap table the rules give, on stdout
"""
import argparse
import os
import random
import sys

import pysam

SAMPLES = ["s1", "s2", "s3"]


def header(conv, contigs):
    h = pysam.VariantHeader()
    for c, length in contigs:
        h.contigs.add(c, length=length)
    h.add_meta("FORMAT", items=[("ID", "GT"), ("Number", "1"), ("Type", "String"), ("Description", "Genotype")])
    fmt = {
        "ps-int": [("PS", "1", "Integer")],
        "ps-string": [("PS", "1", "String")],
        "phaser": [("PI", "1", "String"), ("PG", "1", "String")],
        "hp": [("HP", ".", "String")],
        "pgt": [("PGT", "1", "String"), ("PID", "1", "String")],
        "panel": [],
    }[conv]
    for tag, number, typ in fmt:
        h.add_meta("FORMAT", items=[("ID", tag), ("Number", number), ("Type", typ), ("Description", tag)])
    for s in SAMPLES:
        h.add_sample(s)
    return h


def calls(rng):
    """The records: (chrom, pos, alleles, per sample (a, b, block or None, kind))."""
    out = []
    for chrom in ("chr1", "2"):
        pos, blocks = 0, {s: None for s in SAMPLES}
        for _ in range(120):
            pos += rng.randint(1, 30)
            kind = rng.random()
            if kind < 0.08:
                alleles = ("A", "AT")
            elif kind < 0.12:
                alleles = ("C", "G", "*")
            elif kind < 0.2:
                alleles = ("G", "A", "T")
            else:
                ref = rng.choice("ACGT")
                alleles = (ref, rng.choice([b for b in "ACGT" if b != ref]))
            row = []
            for s in SAMPLES:
                k = rng.random()
                if k < 0.05:
                    row.append((None, None, None, "missing"))
                    continue
                if k < 0.07:
                    row.append((rng.randrange(len(alleles)), None, None, "half"))
                    continue
                a, b = rng.randrange(len(alleles)), rng.randrange(len(alleles))
                if a == b or k < 0.15:  # homozygous, or a het left unphased
                    row.append((a, b, None, "unphased"))
                    continue
                if blocks[s] is None or rng.random() < 0.1:
                    blocks[s] = pos
                row.append((a, b, blocks[s], "phased"))
            out.append((chrom, pos, alleles, row))
    return out


def write(conv, path, records):
    contigs = [("chr1", 10000), ("2", 10000)]
    h = header(conv, contigs)
    with pysam.VariantFile(path, "w", header=h) as f:
        for chrom, pos, alleles, row in records:
            r = f.new_record(contig=chrom, start=pos - 1, alleles=alleles)
            for s, (a, b, block, kind) in zip(SAMPLES, row):
                c = r.samples[s]
                if kind == "missing":
                    c["GT"] = (None, None)
                elif kind == "half":
                    c["GT"] = (a, None)
                else:
                    c["GT"] = (a, b)
                phased = kind == "phased"
                if conv in ("ps-int", "ps-string", "panel"):
                    c.phased = phased
                    if phased and conv != "panel":
                        c["PS"] = block if conv == "ps-int" else f"block{block}"
                elif conv == "phaser":  # GT unphased; PI and PG carry the phase
                    if phased:
                        c["PI"], c["PG"] = f"{block}", f"{a}|{b}"
                elif conv == "hp":  # GT in sorted order, HP says which allele is haplotype 1
                    if phased:
                        lo, hi = sorted((a, b))
                        c["GT"] = (lo, hi)
                        c["HP"] = (f"{block}-1", f"{block}-2") if (lo, hi) == (a, b) else (f"{block}-2", f"{block}-1")
                elif conv == "pgt":
                    if phased:
                        c["PGT"], c["PID"] = f"{a}|{b}", f"{block}_x"
            f.write(r)


def make(d):
    rng = random.Random(11)
    records = calls(rng)
    for conv in ("ps-int", "ps-string", "phaser", "hp", "pgt", "panel"):
        write(conv, os.path.join(d, conv + ".vcf"), records)
    pysam.VariantFile(os.path.join(d, "ps-int.vcf"))  # readable
    with pysam.VariantFile(os.path.join(d, "ps-int.vcf")) as i, \
            pysam.VariantFile(os.path.join(d, "ps-int.bcf"), "wb", header=i.header) as o:
        for r in i:
            o.write(r)


def expect(path, fmt, unphased, samples):
    """The rules of the note, per call, auto mode."""
    with pysam.VariantFile(path) as f:
        fmts = set(f.header.formats.keys())
        names = samples or list(f.header.samples)
        any_block = "PS" in fmts or {"PI", "PG"} <= fmts or "HP" in fmts or "PID" in fmts
        cols = ["CHROM", "POS", "REF", "all-alleles" if fmt == "hap" else "ALT"]
        for s in names:
            cols += [f"{s}:PI", f"{s}:PG_al"]
        print("\t".join(cols))
        for r in f:
            al = [a.strip().upper() for a in r.alleles]
            row = [r.chrom, str(r.pos), al[0], ",".join(al) if fmt == "hap" else (",".join(al[1:]) or ".")]
            for s in names:
                c = r.samples[s]
                gt = c.get("GT")
                full = gt is not None and len(gt) == 2 and None not in gt
                fv = lambda t: (c.get(t) if t in c else None)
                pi, pg = fv("PI"), fv("PG")
                if pi not in (None, ".") and pg not in (None, ".") and "|" in pg:
                    x, y = (int(v) for v in pg.split("|"))
                    row += [str(pi), f"{al[x]}|{al[y]}"]
                    continue
                ps = fv("PS")
                if full and c.phased and ps not in (None, "."):
                    row += [str(ps), f"{al[gt[0]]}|{al[gt[1]]}"]
                    continue
                hp = fv("HP")
                if full and hp and len(hp) == 2 and all(h and "-" in h for h in hp):
                    blocks = [h.rsplit("-", 1) for h in hp]
                    if blocks[0][1] == "1":
                        row += [blocks[0][0], f"{al[gt[0]]}|{al[gt[1]]}"]
                    else:
                        row += [blocks[0][0], f"{al[gt[1]]}|{al[gt[0]]}"]
                    continue
                pgt, pid = fv("PGT"), fv("PID")
                if full and gt[0] != gt[1] and pgt and pid and "|" in pgt:
                    x, y = (int(v) for v in pgt.split("|"))
                    if sorted((x, y)) == sorted(gt):
                        row += [pid, f"{al[x]}|{al[y]}"]
                        continue
                if not any_block and full and c.phased:
                    row += [r.chrom, f"{al[gt[0]]}|{al[gt[1]]}"]
                    continue
                if unphased and full:
                    row += [".", f"{al[gt[0]]}/{al[gt[1]]}"]
                    continue
                row += [".", "."]
            print("\t".join(row))


def main():
    p = argparse.ArgumentParser()
    sub = p.add_subparsers(dest="cmd", required=True)
    m = sub.add_parser("make")
    m.add_argument("dir")
    e = sub.add_parser("expect")
    e.add_argument("vcf")
    e.add_argument("format", choices=["hap", "refhap"])
    e.add_argument("--unphased", action="store_true")
    e.add_argument("--samples")
    a = p.parse_args()
    if a.cmd == "make":
        make(a.dir)
    else:
        expect(a.vcf, a.format, a.unphased, a.samples.split(",") if a.samples else None)


if __name__ == "__main__":
    sys.exit(main())
