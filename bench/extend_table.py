#!/usr/bin/python3
"""Tables of bench/extend.sh's runs (extend.tsv): per size and threads, phase-extender 0.1.8's
time and memory beside m2h-extend's (the median of its runs), the speed-up, whether every
text file was the same, and the blocks and switch errors before and after.

  extend_table.py extend.tsv [--plot extend.dat] > extend.md
"""
import argparse
import csv
import statistics
from collections import defaultdict


def main():
    p = argparse.ArgumentParser()
    p.add_argument("tsv")
    p.add_argument("--plot")
    a = p.parse_args()
    runs = defaultdict(list)
    for r in csv.DictReader(open(a.tsv), delimiter="\t"):
        if r["status"] != "ok":
            continue
        runs[(int(r["size"]), int(r["threads"]), r["runner"])].append(r)
    cases = sorted({(s, t) for s, t, _ in runs})
    print("| case | panel rows | read-backed sites | threads | phase-extender 0.1.8 | its memory MiB "
          "| m2h-extend (median) | its memory MiB | speed-up | files the same |")
    print("|---|--:|--:|--:|--:|--:|--:|--:|--:|---|")
    plot = []
    for s, t in cases:
        ours = runs.get((s, t, "m2h-extend"), [])
        pe = runs.get((s, t, "phase-extender"), [])
        if not ours:
            continue
        ow = statistics.median(float(r["wall_s"]) for r in ours)
        om = max(float(r["mem_mib"]) for r in ours)
        pw = float(pe[0]["wall_s"]) if pe else None
        pm = float(pe[0]["mem_mib"]) if pe else None
        same = {r["same"] for r in ours}
        same_text = "yes" if same == {"yes"} else ("not run" if same <= {"-"} else "NO")
        print(f"| {s}x | {int(ours[0]['panel_rows']):,} | {int(ours[0]['sites']):,} | {t} "
              f"| {fmt_time(pw)} | {pm:.0f} | {ow:.2f} s | {om:.1f} | "
              f"{(pw / ow):.0f}x | {same_text} |" if pw else
              f"| {s}x | {int(ours[0]['panel_rows']):,} | {int(ours[0]['sites']):,} | {t} "
              f"| not run | | {ow:.2f} s | {om:.1f} | | {same_text} |")
        if t == 1:
            plot.append((s, int(ours[0]["sites"]), pw, ow, pm, om))
    print()
    print("Extension of the simulated sample (its haplotypes from the panel's 8 founders, the sample not in "
          "the panel), scored against the truth by `m2h-extend --switch-errors` (as `whatshap compare` counts):")
    print()
    print("| case | blocks before | blocks after | switch errors after | site pairs compared | switch error rate |")
    print("|---|--:|--:|--:|--:|--:|")
    for s, t in cases:
        ours = runs.get((s, t, "m2h-extend"), [])
        if t != 1 or not ours or not ours[0]["blocks_before"]:
            continue
        r = ours[0]
        pairs = int(r["pairs"]) if r["pairs"] else 0
        errs = int(r["switch_errors"])
        print(f"| {s}x | {int(r['blocks_before']):,} | {int(r['blocks_after']):,} | {errs} | {pairs:,} "
              f"| {errs / pairs if pairs else 0:.5f} |")
    if a.plot:
        with open(a.plot, "w") as f:
            f.write("sites\tphase-extender_s\tm2h-extend_s\tphase-extender_mib\tm2h-extend_mib\n")
            for s, sites, pw, ow, pm, om in plot:
                f.write(f"{sites}\t{pw if pw else 'NaN'}\t{ow}\t{pm if pm else 'NaN'}\t{om}\n")


def fmt_time(s):
    if s is None:
        return ""
    return f"{s:.1f} s" if s < 60 else f"{int(s // 60)} min {s % 60:.0f} s"


if __name__ == "__main__":
    main()
