"""Our VCF and BCF read record by record by the libraries users read them with, each
compared with what the matrix says (SPEC section 2, written out here independently).

  read_vcf.py MATRIX FILE...   (pairs <x>a/<x>b as --samples auto; .vcf.gz and .bcf files)

pysam and cyvcf2 read every file (genotypes and phase flags), scikit-allel the VCFs (it
reads no BCF). Prints one line per reader and file; exits non-zero on the first
difference."""
import sys

import allel
import cyvcf2
import numpy as np
import pysam


def expected_records(matrix):
    """(chrom, pos, ref, alts, [(i, j) per sample]) per written row; None = missing."""
    with open(matrix) as f:
        header = f.readline().rstrip("\n").split("\t")
        pairs = [(a + a[:-1] + "b", i, header.index(a[:-1] + "b")) for i, a in enumerate(header)
                 if i >= 3 and len(a) > 1 and a.endswith("a") and a[:-1] + "b" in header[3:]]
        records = []
        for line in f:
            row = line.rstrip("\n").split("\t")
            ref = row[2]
            alts = sorted(set(row[3:]) - {ref, "N", "-"})
            if not alts:
                continue
            index = {ref: 0, **{a: k + 1 for k, a in enumerate(alts)}}
            gts = [(index.get(row[h1]), index.get(row[h2])) for _, h1, h2 in pairs]
            records.append((row[0], int(row[1]), ref, tuple(alts), gts))
    return [name for name, _, _ in pairs], records


def fail(reader, path, n, what):
    sys.exit(f"FAIL: {reader} on {path}, record {n + 1}: {what}")


def check_pysam(path, samples, records):
    with pysam.VariantFile(path) as vf:
        if list(vf.header.samples) != samples:
            fail("pysam", path, -1, f"samples {list(vf.header.samples)}")
        n = 0
        for n, rec in enumerate(vf):
            chrom, pos, ref, alts, gts = records[n]
            if (rec.chrom, rec.pos, rec.ref, tuple(rec.alts or ())) != (chrom, pos, ref, alts):
                fail("pysam", path, n, f"{rec.chrom}:{rec.pos} {rec.ref}>{rec.alts}, expected {chrom}:{pos} {ref}>{alts}")
            for s, (name, gt) in enumerate(zip(samples, gts)):
                call = rec.samples[s]
                if tuple(call["GT"]) != gt or not call.phased:
                    fail("pysam", path, n, f"{name}: GT {call['GT']} phased={call.phased}, expected {gt} phased")
        if n + 1 != len(records):
            fail("pysam", path, n, f"{n + 1} records, expected {len(records)}")
    return len(records)


def check_cyvcf2(path, samples, records):
    vf = cyvcf2.VCF(path)
    if vf.samples != samples:
        fail("cyvcf2", path, -1, f"samples {vf.samples}")
    n = -1
    for n, v in enumerate(vf):
        chrom, pos, ref, alts, gts = records[n]
        if (v.CHROM, v.POS, v.REF, tuple(v.ALT)) != (chrom, pos, ref, alts):
            fail("cyvcf2", path, n, f"{v.CHROM}:{v.POS} {v.REF}>{v.ALT}")
        for name, got, gt in zip(samples, v.genotypes, gts):
            want = [-1 if a is None else a for a in gt] + [True]
            if got != want:
                fail("cyvcf2", path, n, f"{name}: {got}, expected {want} (allele, allele, phased)")
    vf.close()
    if n + 1 != len(records):
        fail("cyvcf2", path, n, f"{n + 1} records, expected {len(records)}")
    return len(records)


def check_allel(path, samples, records):
    cs = allel.read_vcf(path, fields=["samples", "variants/CHROM", "variants/POS", "variants/REF",
                                      "variants/ALT", "calldata/GT"], alt_number=3)
    if list(cs["samples"]) != samples:
        fail("scikit-allel", path, -1, f"samples {list(cs['samples'])}")
    if len(cs["variants/POS"]) != len(records):
        fail("scikit-allel", path, -1, f"{len(cs['variants/POS'])} records, expected {len(records)}")
    want = np.array([[[-1 if a is None else a for a in gt] for gt in r[4]] for r in records])
    for n, (chrom, pos, ref, alts, _) in enumerate(records):
        got_alts = tuple(a for a in cs["variants/ALT"][n] if a)
        if (cs["variants/CHROM"][n], cs["variants/POS"][n], cs["variants/REF"][n], got_alts) != (chrom, pos, ref, alts):
            fail("scikit-allel", path, n, f"{cs['variants/CHROM'][n]}:{cs['variants/POS'][n]}")
    diff = np.argwhere(cs["calldata/GT"] != want)
    if len(diff):
        n, s, _ = diff[0]
        fail("scikit-allel", path, n, f"{samples[s]}: {cs['calldata/GT'][n][s]}, expected {want[n][s]}")
    return len(records)


def main():
    samples, records = expected_records(sys.argv[1])
    if not records:
        sys.exit("FAIL: the matrix has no polymorphic rows to compare")
    versions = f"pysam {pysam.__version__}, cyvcf2 {cyvcf2.__version__}, scikit-allel {allel.__version__}"
    print(f"readers: {versions}")
    for path in sys.argv[2:]:
        for name, check in (("pysam", check_pysam), ("cyvcf2", check_cyvcf2), ("scikit-allel", check_allel)):
            if name == "scikit-allel" and path.endswith(".bcf"):
                continue  # it reads VCF only
            n = check(path, samples, records)
            print(f"{name}: {path}: {n} records x {len(samples)} samples, alleles, genotypes and phase as the matrix's")


if __name__ == "__main__":
    main()
