#!/usr/bin/python3
"""Run one command and report its wall time, CPU time and peak memory summed over its whole
process tree (a multiprocessing pool forks workers; snakemake runs jobs as children).

Usage: measure.py [--mem-cap MIB] [--time-cap S] [--stdout FILE] -- CMD...
Prints one TSV line: wall_s cpu_s tree_rss_mib max_rss_mib status
  tree_rss_mib  highest sum of RSS over the tree, sampled every 20 ms; never below max_rss_mib
  max_rss_mib   the largest single process (GNU time's %M, exact even for short runs; it is
                taken through /usr/bin/time because a child forked from Python starts with
                Python's own ~10 MiB on its high-water mark)
  status        ok | exit N | killed: memory cap | killed: time cap
A cap kills the whole tree (so a peer that would exhaust the machine is stopped and reported).
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


def tree_rss_bytes(root, page=os.sysconf("SC_PAGE_SIZE")):
    """RSS summed over root's descendants (root itself, GNU time, excluded)."""
    kids, total = children_map(), 0
    todo = list(kids.get(root, []))
    while todo:
        pid = todo.pop()
        todo.extend(kids.get(pid, []))
        try:
            with open(f"/proc/{pid}/statm") as f:
                total += int(f.read().split()[1]) * page
        except OSError:
            pass
    return total


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
        peak, status = 0, None
        while proc.poll() is None:
            peak = max(peak, tree_rss_bytes(proc.pid))
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
    cpu, maxrss = 0.0, 0.0
    if status is None:  # time's last line: "%e %U %S %M" (an exit line may come before it)
        wall, user, sys_, kib = (float(x) for x in fields[-4:])
        cpu, maxrss = user + sys_, kib / 1024
        status = "ok" if proc.returncode == 0 else f"exit {proc.returncode}"
    print(f"{wall:.2f}\t{cpu:.2f}\t{max(peak / 2**20, maxrss):.1f}\t{maxrss:.1f}\t{status}")

if __name__ == "__main__":
    sys.exit(main())
