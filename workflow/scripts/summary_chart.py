"""The row accounting and each transform's cost as a picture (rule chart): per part, rows
read and written (from the summary table), and the tool's wall time and peak memory as it
measured them itself (its --stats: getrusage; an engine's sampling of a process misses most
of a short job). Run by Snakemake's script directive."""

import csv
import sys

import matplotlib

matplotlib.use("Agg")  # no display; the chart is a file
matplotlib.rcParams["svg.fonttype"] = "none"  # text stays text: smaller, searchable
import matplotlib.pyplot as plt  # noqa: E402


def read_tsv(path):
    with open(path, newline="") as f:
        return list(csv.DictReader(f, delimiter="\t"))


def main(summary_path, stats_paths, out_path):
    parts = [r for r in read_tsv(summary_path) if r["part"] != "total"]
    labels = [f"part {r['part']}: {r['key']}" for r in parts]
    read = [int(r["rows_read"]) for r in parts]
    written = [int(r["rows_written"]) for r in parts]
    stats = [read_tsv(p)[-1] for p in stats_paths]
    wall = [float(s["wall_s"]) for s in stats]
    rss = [float(s["max_rss_mib"]) for s in stats]

    y = range(len(parts))
    height = max(2.5, 0.28 * len(parts) + 1.2)
    fig, axes = plt.subplots(1, 4, figsize=(14, height), sharey=True)
    panels = [
        (read, "#b8c7d9", "rows", f"rows read: {sum(read):,}"),
        (written, "#1f5f99", "rows", f"rows written: {sum(written):,}"),
        (wall, "#d98c1f", "seconds", f"transform wall time (longest {max(wall):.2f} s)"),
        (rss, "#4d9960", "MiB", f"transform peak memory (largest {max(rss):.1f} MiB)"),
    ]
    for ax, (values, color, unit, title) in zip(axes, panels):
        ax.barh(y, values, color=color)
        ax.set_xlabel(unit)
        ax.set_title(title, fontsize=10)
        ax.grid(axis="x", alpha=0.3)
    axes[0].set_yticks(list(y), labels, fontsize=8)
    axes[0].invert_yaxis()
    fig.suptitle(f"{sum(read):,} rows read, {sum(written):,} written", fontsize=11)
    fig.tight_layout()
    fig.savefig(out_path, format="svg")


if "snakemake" in globals():  # run by Snakemake's script directive
    main(
        snakemake.input.summary,  # noqa: F821
        list(snakemake.input.stats),  # noqa: F821
        snakemake.output[0],  # noqa: F821
    )
else:  # by hand: summary_chart.py SUMMARY STATS... OUT.svg
    main(sys.argv[1], sys.argv[2:-1], sys.argv[-1])
