#!/usr/bin/python3
"""workflows.tsv (bench/workflows.sh) -> the README's Markdown table (stdout) and the data
bench/workflows.gp draws (DAT): per genome shape and runner, the median wall time of the
repeats, its ratio to the median single m2h-transform, and the per-step figures of the
median run."""
import csv
import statistics
import sys


def main(tsv, dat):
    with open(tsv, newline="") as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    groups = {}
    for r in rows:
        groups.setdefault((r["shape"], r["output"], r["runner"]), []).append(r)
    out = ["| genome | output | MB | runner | parts | wall s (median) | x single tool | split s | transforms: longest / sum s | merge s | largest job MiB | runs |",
           "|---|---|--:|---|--:|--:|--:|--:|--:|--:|--:|---|"]
    plot = []
    single = {}
    for (shape, ext, runner), rs in groups.items():
        walls = sorted(float(r["wall_s"]) for r in rs)
        med = statistics.median(walls)
        if runner == "m2h-transform":
            single[shape, ext] = med
        mid = min(rs, key=lambda r: abs(float(r["wall_s"]) - med))
        ratio = med / single[shape, ext] if (shape, ext) in single else float("nan")
        bad = [r["status"] for r in rs if r["status"] != "ok"]
        parts = "1" if runner == "m2h-transform" else mid["parts"]
        out.append(f"| {shape} | .{ext} | {mid['MB']} | {runner} | {parts} | {med:.1f} | {ratio:.2f} | {mid['split_s']} | "
                   f"{mid['transform_max_s']} / {mid['transform_sum_s']} | {mid['merge_s']} | {mid['job_max_rss_mib']} | "
                   f"{len(rs)}{' (' + ', '.join(bad) + ')' if bad else ''} |")
        plot.append((f"{shape} .{ext}", runner, med, ratio))
    with open(dat, "w") as f:
        f.write("label\twall\tratio\n")
        for shape, runner, med, ratio in plot:
            f.write(f'"{shape}: {runner}"\t{med:.2f}\t{ratio:.2f}\n')
    print("\n".join(out))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
