#!/usr/bin/python3
"""bench.tsv -> the Markdown table of docs/performance.md (stdout), with two floors, each a
column of its own: reading the input, and copying it to a file and, with --plot FILE, the wide table
bench/plot.gp draws (one line per tool; wall and memory per size and input)."""
import csv
import sys

PLOTTED = ["m2h-transform", "workflow (copy)", "workflow (ranges)", "mawk", "pandas"]


def load(path):
    with open(path, newline="") as f:
        return list(csv.DictReader(f, delimiter="\t"))


def human_rows(n):
    n = int(n)
    return f"{n // 1000000}M" if n % 1000000 == 0 else str(n)


def floors(rows):
    """Per (rows, input): the two floors, each one column of the table. Reading: the first
    row of the group (cat > /dev/null, or bgzip -@2 -d for BGZF). Copying: the last
    '> file' row (dd > file through user space, or bgzip -@2 -d > file)."""
    read, copy = {}, {}
    for r in rows:
        key = (r["rows"], r["input"])
        read.setdefault(key, float(r["wall_s"]))
        if r["tool"].endswith("> file"):
            copy[key] = float(r["wall_s"])
    return read, copy


def ratio(r, floor):
    return f"{float(r['wall_s']) / floor:.2f}" if r["status"] == "ok" and floor else "NA"


def markdown(rows):
    read, copy = floors(rows)
    out = ["| rows | input | tool | wall s | CPU s | memory MiB | MB/s | x read floor | x copy floor | x m2h-transform |",
           "|---|---|---|--:|--:|--:|--:|--:|--:|--:|"]
    for r in rows:
        key = (r["rows"], r["input"])
        status = "" if r["status"] == "ok" else f" ({r['status']})"
        out.append(f"| {human_rows(r['rows'])} | {r['input']} | {r['tool']}{status} | {r['wall_s']} | {r['cpu_s']} | "
                   f"{r['mem_mib']} | {r['MB_per_s']} | {ratio(r, read.get(key))} | {ratio(r, copy.get(key))} | "
                   f"{r['x_m2h_transform']} |")
    return "\n".join(out)


def plot_table(rows, path):
    groups = []
    for r in rows:
        g = f"{human_rows(r['rows'])} {r['input']}"
        if g not in groups:
            groups.append(g)
    cell = {(f"{human_rows(r['rows'])} {r['input']}", r["tool"]): r for r in rows}
    with open(path, "w") as f:
        f.write("tool\t" + "\t".join(f'"wall {g}"\t"mem {g}"' for g in groups) + "\n")
        for tool in PLOTTED:
            vals = []
            for g in groups:
                r = cell.get((g, tool))
                # a run stopped by a cap has no wall time; its memory bar shows the cap reached
                killed = r and r["status"].startswith("killed")
                vals += [("NaN" if killed else r["wall_s"]), r["mem_mib"]] if r else ["NaN", "NaN"]
            f.write(f'"{tool}"\t' + "\t".join(vals) + "\n")
    return len(groups)


def main():
    rows = load(sys.argv[1])
    if len(sys.argv) > 3 and sys.argv[2] == "--plot":
        print(plot_table(rows, sys.argv[3]))
        return
    print(markdown(rows))


if __name__ == "__main__":
    main()
