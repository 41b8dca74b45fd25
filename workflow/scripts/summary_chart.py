"""The row accounting and each transform job's cost as a picture (rule chart): per part,
rows read and written (from the summary table), and the job's wall time and peak memory
(from Snakemake's benchmark files). Run by Snakemake's script directive."""

import csv
import sys

import matplotlib

matplotlib.use("Agg")  # no display; the chart is a file
matplotlib.rcParams["svg.fonttype"] = "none"  # text stays text: smaller, searchable
import matplotlib.pyplot as plt  # noqa: E402


def read_tsv(path):
    with open(path, newline="") as f:
        return list(csv.DictReader(f, delimiter="\t"))


def main(summary_path, benchmark_paths, out_path):
    parts = [r for r in read_tsv(summary_path) if r["part"] != "total"]
    labels = [f"part {r['part']}: {r['key']}" for r in parts]
    read = [int(r["rows_read"]) for r in parts]
    written = [int(r["rows_written"]) for r in parts]
    bench = [read_tsv(p)[-1] for p in benchmark_paths]  # the last attempt's line
    wall = [float(b["s"]) for b in bench]
    rss = [float(b["max_rss"]) if b["max_rss"] not in ("", "-", "NA") else 0.0 for b in bench]

    y = range(len(parts))
    height = max(2.5, 0.28 * len(parts) + 1.2)
    fig, (ax_rows, ax_wall, ax_mem) = plt.subplots(
        1, 3, figsize=(12, height), sharey=True, gridspec_kw={"width_ratios": [2, 1, 1]}
    )
    ax_rows.barh(y, read, color="#b8c7d9", label="rows read")
    ax_rows.barh(y, written, color="#1f5f99", label="rows written")
    ax_rows.set_yticks(list(y), labels, fontsize=8)
    ax_rows.invert_yaxis()
    ax_rows.set_xlabel("rows")
    ax_rows.legend(loc="lower right", fontsize=8)
    ax_rows.set_title(f"{sum(read):,} rows read, {sum(written):,} written")
    ax_wall.barh(y, wall, color="#d98c1f")
    ax_wall.set_xlabel("seconds")
    ax_wall.set_title("transform wall time")
    ax_mem.barh(y, rss, color="#4d9960")
    ax_mem.set_xlabel("MB")
    ax_mem.set_title("transform peak memory")
    for ax in (ax_rows, ax_wall, ax_mem):
        ax.grid(axis="x", alpha=0.3)
    fig.tight_layout()
    fig.savefig(out_path, format="svg")


if "snakemake" in globals():  # run by Snakemake's script directive
    main(
        snakemake.input.summary,  # noqa: F821
        list(snakemake.input.benchmarks),  # noqa: F821
        snakemake.output[0],  # noqa: F821
    )
else:  # by hand: summary_chart.py SUMMARY BENCHMARK... OUT.svg
    main(sys.argv[1], sys.argv[2:-1], sys.argv[-1])
