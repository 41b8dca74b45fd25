#!/usr/bin/env bash
# A throwaway one-node SLURM cluster on 127.0.0.1 for the workflow tests: its own munged,
# slurmctld and slurmd, every file (config, state, logs, sockets) under DIR. Needs root
# and Debian's munge + slurm-wlm. Clients use it with: export SLURM_CONF=DIR/slurm.conf
#   tests/slurm/cluster.sh start DIR     start, and wait until the node takes jobs
#   tests/slurm/cluster.sh stop DIR      stop every daemon started from DIR
set -euo pipefail
cmd=${1:?usage: cluster.sh start|stop DIR} dir=${2:?usage: cluster.sh start|stop DIR}

# Daemons write their state files while shutting down, so stop waits for each to be gone
# (SIGKILL after 30 s): only then can the caller remove DIR.
stop() {
  local p pid i
  for p in slurmd slurmctld munged; do
    [ -s "$dir/$p.pid" ] || continue
    pid=$(cat "$dir/$p.pid")
    kill "$pid" 2>/dev/null || continue
    for i in $(seq 1 300); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
    kill -9 "$pid" 2>/dev/null || true
  done
}

free_port() { /usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

write_conf() {
  local cpus mem
  cpus=$(nproc)
  mem=$(( $(awk '/MemTotal/ {print $2}' /proc/meminfo) / 1024 - 512 ))
  cat > "$dir/slurm.conf" <<CONF
ClusterName=m2htest
SlurmctldHost=localhost(127.0.0.1)
SlurmctldPort=$(free_port)
SlurmdPort=$(free_port)
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$dir/munge.socket
StateSaveLocation=$dir/state
SlurmdSpoolDir=$dir/spool
SlurmctldPidFile=$dir/slurmctld.pid
SlurmdPidFile=$dir/slurmd.pid
SlurmctldLogFile=$dir/slurmctld.log
SlurmdLogFile=$dir/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core_Memory
JobCompType=jobcomp/filetxt
JobCompLoc=$dir/jobcomp.log
MinJobAge=600
ReturnToService=2
MpiDefault=none
SchedulerType=sched/backfill
NodeName=m2hnode NodeHostname=$(hostname) NodeAddr=127.0.0.1 CPUs=$cpus RealMemory=$mem State=UNKNOWN
PartitionName=m2h Nodes=m2hnode Default=YES MaxTime=INFINITE State=UP
CONF
}

start() {
  [ "$(id -u)" -eq 0 ] || { echo "cluster.sh: needs root" >&2; exit 1; }
  mkdir -p "$dir/state" "$dir/spool"
  write_conf
  munged --force --socket="$dir/munge.socket" --pid-file="$dir/munged.pid" \
    --log-file="$dir/munged.log" --seed-file="$dir/munged.seed"
  export SLURM_CONF=$dir/slurm.conf
  slurmctld -i
  slurmd -N m2hnode
  local i
  for i in $(seq 1 60); do
    if sinfo -h -N -o '%t' 2>/dev/null | grep -qE '^(idle|mix|alloc)'; then return 0; fi
    sleep 1
  done
  echo "cluster.sh: the node did not come up; see $dir/*.log" >&2
  stop
  exit 1
}

case $cmd in
  start) start ;;
  stop) stop ;;
  *) echo "usage: cluster.sh start|stop DIR" >&2; exit 1 ;;
esac
