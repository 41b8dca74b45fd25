#!/usr/bin/python3
"""writers.tsv (bench/writers.sh) -> the Markdown tables (stdout) and, with --plot FILE, the
ratios for bench/writers.gp.

Writers: per case, format and threads, the median wall time of each writer, the median of
the repeats' ratios ours / bcftools (each repeat ran both, in turn), peak memory and output
size. Levels: median wall time and size of the .vcf.gz at each compression level."""
import argparse
import csv
import statistics
from collections import defaultdict


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("tsv")
    ap.add_argument("--plot")
    a = ap.parse_args()
    with open(a.tsv, newline="") as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    bad = [r for r in rows if r["status"] != "ok"]
    if bad:
        raise SystemExit(f"writers.tsv: {len(bad)} runs did not end ok, e.g. {bad[0]}")

    runs = defaultdict(dict)  # (case, format, threads) -> {runner: {run: row}}
    for r in rows:
        if r["runner"] in ("m2h-transform", "bcftools"):
            runs[(r["case"], r["format"], r["threads"])].setdefault(r["runner"], {})[r["run"]] = r
    print("| case | output | threads | m2h-transform s | bcftools s | ours / bcftools | ours MiB | bcftools MiB | MB | runs |")
    print("|---|---|--:|--:|--:|--:|--:|--:|--:|--:|")
    plot = []
    for (case, fmt, threads), by in runs.items():
        if "bcftools" not in by:
            continue
        ours, theirs = by["m2h-transform"], by["bcftools"]
        pairs = sorted(set(ours) & set(theirs))
        ratio = statistics.median(float(ours[p]["wall_s"]) / float(theirs[p]["wall_s"]) for p in pairs)
        med = lambda d, k: statistics.median(float(d[p][k]) for p in pairs)
        print(f"| {case} | {fmt} | {threads} | {med(ours, 'wall_s'):.2f} | {med(theirs, 'wall_s'):.2f} | "
              f"{ratio:.2f} | {max(float(ours[p]['max_rss_mib']) for p in pairs):.1f} | "
              f"{max(float(theirs[p]['max_rss_mib']) for p in pairs):.1f} | "
              f"{float(ours[pairs[0]]['bytes']) / 1e6:.1f} | {len(pairs)} |")
        plot.append((f"{case} {fmt} t{threads}", ratio))

    levels = defaultdict(list)
    big = [r for r in rows if r["case"] == "big"]
    for r in rows:
        if r["runner"] == "m2h-transform -l" and r["case"] != "big":
            levels[int(r["level"])].append(r)
    if levels:
        base = statistics.median(float(r["wall_s"]) for r in levels.get(6, levels[min(levels)]))
        print()
        print("| level | wall s | x level 6 | MB | x level 6 size |")
        print("|--:|--:|--:|--:|--:|")
        size6 = float(levels.get(6, levels[min(levels)])[0]["bytes"])
        for level in sorted(levels):
            wall = statistics.median(float(r["wall_s"]) for r in levels[level])
            size = float(levels[level][0]["bytes"])
            print(f"| {level} | {wall:.2f} | {wall / base:.2f} | {size / 1e6:.1f} | {size / size6:.2f} |")
    if big:
        print()
        print("| 14 GB matrix, output | level | wall s | MB |")
        print("|---|--:|--:|--:|")
        for r in big:
            print(f"| {r['format']} | {r['level']} | {float(r['wall_s']):.1f} | {float(r['bytes']) / 1e6:.0f} |")
    if a.plot:
        with open(a.plot, "w") as f:
            f.write("writer\tours / bcftools\n")
            for label, ratio in plot:
                f.write(f"{label}\t{ratio:.3f}\n")


if __name__ == "__main__":
    main()
