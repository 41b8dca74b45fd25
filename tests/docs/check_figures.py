#!/usr/bin/python3
"""The figures README.md and docs/performance.md quote, computed from the committed bench
results they come from (bench/results/*.tsv): each phrase must appear as computed, so a
new bench run whose numbers differ fails until the prose says what the tables say.

  check_figures.py SOURCE_DIR"""
import csv
import statistics
import sys
from collections import defaultdict


def tsv(path):
    with open(path, newline="") as f:
        return list(csv.DictReader(f, delimiter="\t"))


def span(values, fmt):
    return f"{fmt.format(min(values))} to {fmt.format(max(values))}"


def peers(rows):
    plain = [r for r in rows if r["input"] == "plain" and r["status"] == "ok"]
    transform = [float(r["MB_per_s"]) for r in plain if r["tool"] == "m2h-transform"]
    mawk = [float(r["x_m2h_transform"]) for r in plain if r["tool"] == "mawk"]
    pandas = [r for r in plain if r["tool"] == "pandas"]
    tools = [float(r["mem_mib"]) for r in rows if r["tool"].startswith("m2h-") and r["status"] == "ok"]
    return {
        "transform rate": f"{span(transform, '{:.0f}')} MB/s",
        "awk": f"{span(mawk, '{:.1f}')} times",
        "pandas": f"{float(pandas[0]['x_m2h_transform']):.1f} times",
        "pandas memory": f"{float(pandas[0]['mem_mib']):.0f} MiB",
        "tool memory": f"{span(tools, '{:.1f}')} MiB",
    }


def workflows(md):
    """The 14 GB case's ratios (workflows.md: x single tool), plain output, byte ranges."""
    ratios = defaultdict(list)
    for line in md.splitlines():
        f = [c.strip() for c in line.strip("|").split("|")]
        if len(f) == 12 and f[0] in ("equal", "unequal") and f[1] == ".tsv" and f[3].endswith("(ranges)"):
            ratios[f[3].split()[0]].append(float(f[6]))
    return {"snakemake": f"Snakemake in {span(ratios['snakemake'], '{:.2f}')} of its time",
            "nextflow": f"Nextflow in {span(ratios['nextflow'], '{:.2f}')}"}


def writers(md):
    ratios = defaultdict(list)
    for line in md.splitlines():
        f = [c.strip() for c in line.strip("|").split("|")]
        if len(f) == 10 and f[1] in ("vcf", "vcf.gz", "bcf"):
            ratios["vcf" if f[1] == "vcf" else "compressed"].append(float(f[5]))
    return {"plain VCF": f"plain VCF in {span(ratios['vcf'], '{:.2f}')} of its time",
            "vcf.gz and BCF": f".vcf.gz and BCF in {span(ratios['compressed'], '{:.2f}')}"}


def index(md):
    """--write-index against the same output without one, and bcftools index of the file,
    both as a share of the writing time (index.md: x without, x the writing)."""
    ours, reread = [], []
    for line in md.splitlines():
        f = [c.strip() for c in line.strip("|").split("|")]
        if len(f) == 8 and f[1] in ("vcf.gz", "bcf"):
            ours.append((float(f[4]) - 1) * 100)
            reread.append(float(f[6]) * 100)
    return {"index": f"--write-index` adds {span(ours, '{:.0f}')}%",
            "index reread": f"reading the file back would add {span(reread, '{:.0f}')}%"}


def extend(rows):
    """m2h-extend against phase-extender 0.1.8 (extend.tsv): the speed-ups of one process
    against one where both ran, m2h-extend's memory over every size, phase-extender's."""
    import statistics
    runs = defaultdict(list)
    for r in rows:
        if r["status"] == "ok":
            runs[(int(r["size"]), int(r["threads"]), r["runner"])].append(r)
    speedups, mine, theirs = [], [], []
    for (size, threads, runner), rs in runs.items():
        if runner != "m2h-extend":
            continue
        mine += [float(r["mem_mib"]) for r in rs]
        pe = runs.get((size, threads, "phase-extender"))
        if pe and threads == 1:
            speedups.append(float(pe[0]["wall_s"]) / statistics.median(float(r["wall_s"]) for r in rs))
            theirs.append(float(pe[0]["mem_mib"]))
    largest = max(s for s, t, r in runs if r == "m2h-extend")
    big = runs[(largest, 1, "m2h-extend")]
    return {"extend speed-up": f"{span(speedups, '{:.0f}')} times as fast as phase-extender 0.1.8",
            "extend memory": f"in {span(mine, '{:.1f}')} MiB against {span(theirs, '{:.0f}')} MiB",
            "extend largest": f"{int(big[0]['panel_rows']):,} panel rows in "
                              f"{statistics.median(float(r['wall_s']) for r in big):.1f} s"}


def vcf(rows):
    """A phased VCF to the hap table (vcf.tsv): m2h-transform's median time and its memory,
    VCF-Simplify's speed and bcftools query's time, each against m2h-transform reading the
    same file."""
    runs = defaultdict(list)
    for r in rows:
        if r["status"] == "ok":
            runs[(r["runner"], r["input"])].append(r)
    med = {k: statistics.median(float(r["wall_s"]) for r in v) for k, v in runs.items()}
    ours = med[("m2h-transform", "phaser.vcf")]
    mem = [float(r["mem_mib"]) for (runner, _), v in runs.items() if runner == "m2h-transform" for r in v]
    return {"vcf time": f"`hap` table in {ours:.1f} s, in {span(mem, '{:.1f}')} MiB",
            "vcf simplify": f"{med[('VCF-Simplify', 'phaser.vcf')] / ours:.0f} times the speed of VCF-Simplify",
            "vcf bcftools": f"in {med[('m2h-transform', 'ps.vcf.gz')] / med[('bcftools query', 'ps.vcf.gz')]:.2f} of the time of "
                            "`bcftools query`"}


def pipeline(rows):
    """The whole pipeline (pipeline.tsv): each workflow's median wall time against converting
    once and running phase-extender 0.1.8 per sample."""
    runs = defaultdict(list)
    for r in rows:
        runs[r["runner"]].append(float(r["wall_s"]))
    users = statistics.median(runs["convert + phase-extender 0.1.8 per sample"])
    sm = statistics.median(runs["Snakemake workflow"])
    nf = statistics.median(runs["Nextflow pipeline"])
    return {"pipeline users": f"{users / 60:.1f} minutes",
            "pipeline snakemake": f"Snakemake workflow in {sm:.1f} s ({users / sm:.0f} times as fast)",
            "pipeline nextflow": f"Nextflow pipeline in {nf:.1f} s ({users / nf:.0f} times as fast)"}


def main():
    src = sys.argv[1]
    res = f"{src}/bench/results"
    figures = peers(tsv(f"{res}/bench.tsv"))
    figures.update(extend(tsv(f"{res}/extend.tsv")))
    figures.update(vcf(tsv(f"{res}/vcf.tsv")))
    figures.update(pipeline(tsv(f"{res}/pipeline.tsv")))
    for name, parse in (("workflows.md", workflows), ("writers.md", writers), ("index.md", index)):
        with open(f"{res}/{name}") as f:
            figures.update(parse(f.read()))
    # Lines wrap anywhere: compare with every run of white space as one space.
    docs = {name: " ".join(open(f"{src}/{name}").read().split()) for name in ("README.md", "docs/performance.md")}
    wanted = {"README.md": list(figures), "docs/performance.md": list(figures)}
    missing = [(doc, k, figures[k]) for doc, keys in wanted.items() for k in keys if figures[k] not in docs[doc]]
    for doc, key, phrase in missing:
        print(f"FAIL: {doc} does not say '{phrase}' ({key}, as bench/results has it)")
    if missing:
        sys.exit(1)
    for key, phrase in figures.items():
        print(f"{key}: '{phrase}' in README.md and docs/performance.md, as in bench/results")


if __name__ == "__main__":
    main()
