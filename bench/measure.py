#!/usr/bin/python3
"""Run one command and report its wall time, CPU time and peak memory summed over its whole
process tree (a multiprocessing pool forks workers; snakemake runs jobs as children).

Usage: measure.py [--mem-cap MIB] [--time-cap S] [--stdout FILE] -- CMD...
Prints one TSV line: wall_s cpu_s mem_mib rss_sum_mib max_rss_mib status
  mem_mib       peak of the PSS summed over the tree (the memory the run really held; forked
                workers' shared pages counted once), sampled every 20 ms; never below max_rss_mib
  rss_sum_mib   peak of the RSS summed over the tree (shared pages counted in every process)
  max_rss_mib   the largest single process (GNU time's %M, exact even for short runs; it is
                taken through /usr/bin/time because a child forked from Python starts with
                Python's own ~10 MiB on its high-water mark)
  status        ok | exit N | killed: memory cap | killed: time cap
A cap (on mem_mib) kills the whole tree, so a peer that would exhaust the machine is stopped
and reported; a killed run has NA for cpu_s and max_rss_mib.
"""
import argparse
import os
import signal
import subprocess
import sys
import tempfile
import time


def children_map():
    """ppid -> [pid] for every process, from /proc/*/stat."""
    kids = {}
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/stat", "rb") as f:
                stat = f.read()
        except OSError:
            continue
        ppid = int(stat[stat.rindex(b")") + 2:].split()[1])
        kids.setdefault(ppid, []).append(int(name))
    return kids


def tree_memory(root):
    """(RSS, PSS) in bytes summed over root's descendants (root itself, GNU time, excluded).
    Forked workers share their parent's pages until they write them: the RSS sum counts
    shared pages once per process, PSS divides them among the sharers."""
    kids, rss, pss = children_map(), 0, 0
    todo = list(kids.get(root, []))
    while todo:
        pid = todo.pop()
        todo.extend(kids.get(pid, []))
        try:
            with open(f"/proc/{pid}/smaps_rollup") as f:
                for line in f:
                    if line.startswith("Rss:"):
                        rss += int(line.split()[1]) * 1024
                    elif line.startswith("Pss:"):
                        pss += int(line.split()[1]) * 1024
        except OSError:
            pass
    return rss, pss


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--mem-cap", type=float, default=0, help="MiB; 0 = none")
    ap.add_argument("--time-cap", type=float, default=0, help="seconds; 0 = none")
    ap.add_argument("--stdout", default=os.devnull)
    ap.add_argument("cmd", nargs=argparse.REMAINDER)
    a = ap.parse_args()
    cmd = a.cmd[1:] if a.cmd[:1] == ["--"] else a.cmd
    with open(a.stdout, "wb") as out, tempfile.NamedTemporaryFile("r") as times:
        start = time.monotonic()
        timed = ["/usr/bin/time", "-f", "%e %U %S %M", "-o", times.name] + cmd
        proc = subprocess.Popen(timed, stdout=out, start_new_session=True)
        peak_rss, peak, status = 0, 0, None
        while proc.poll() is None:
            rss, pss = tree_memory(proc.pid)
            peak_rss, peak = max(peak_rss, rss), max(peak, pss)
            if a.mem_cap and peak > a.mem_cap * 2**20:
                status = "killed: memory cap"
            elif a.time_cap and time.monotonic() - start > a.time_cap:
                status = "killed: time cap"
            if status:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
                break
            time.sleep(0.02)
        wall = time.monotonic() - start
        fields = times.read().split()
    mib = lambda b: f"{b / 2**20:.1f}"
    if status is not None:  # killed: GNU time wrote nothing
        print(f"{wall:.2f}\tNA\t{mib(peak)}\t{mib(peak_rss)}\tNA\t{status}")
        return
    wall, user, sys_, kib = (float(x) for x in fields[-4:])  # an exit line may come first
    status = "ok" if proc.returncode == 0 else f"exit {proc.returncode}"
    maxrss = kib * 1024
    print(f"{wall:.2f}\t{user + sys_:.2f}\t{mib(max(peak, maxrss))}\t{mib(max(peak_rss, maxrss))}\t{mib(maxrss)}\t{status}")

if __name__ == "__main__":
    sys.exit(main())
