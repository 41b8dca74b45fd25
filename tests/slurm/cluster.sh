#!/usr/bin/env bash
# A throwaway SLURM cluster on this machine for the workflow tests: N compute nodes (several
# slurmd, each with its own port and spool), slurmctld, and accounting (slurmdbd on a private
# MariaDB), with its own munged; every file (configs, database, state, logs, sockets) under
# DIR. Needs root and Debian's munge, slurm-wlm, slurmdbd and mariadb-server; no systemd.
# Clients use it with: export SLURM_CONF=DIR/slurm.conf
#
#   cluster.sh start DIR [NODES]   start (default 3 nodes), wait until every node takes jobs
#   cluster.sh stop DIR            stop every daemon started from DIR
#   cluster.sh kill-node DIR NODE  the node dies: its slurmd and the processes of the jobs
#                                  running on it are killed with SIGKILL
#   cluster.sh start-node DIR NODE its slurmd again (the node returns to service)
#   cluster.sh restart-ctld DIR [SECONDS]  stop slurmctld, wait SECONDS (0), start it again
#                                  from its saved state
#   cluster.sh nodes DIR           the node names
#
# Nodes n1..nN each get an equal share of the machine's memory and max(2, CPUs / N) CPUs
# (on a 2-core machine the CPUs are shared: jobs ask for up to 2). Timeouts are short so
# that a dead node is noticed within about half a minute.
set -euo pipefail
usage="usage: cluster.sh start DIR [NODES] | stop DIR | kill-node DIR NODE | start-node DIR NODE | restart-ctld DIR [SECONDS] | nodes DIR"
cmd=${1:?$usage} dir=${2:?$usage}
export SLURM_CONF=$dir/slurm.conf
log() { echo "cluster.sh: $*" >&2; }

free_port() { /usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# wait_for SECONDS CMD...: until CMD succeeds (a command's each try cut at 10 s: a client
# can hang on a daemon that is not up yet); 1 on timeout.
wait_for() {
  local end=$((SECONDS + $1)) cut=(timeout 10)
  shift
  ! declare -F "$1" > /dev/null || cut=()
  while ! "${cut[@]}" "$@" > /dev/null 2>&1; do
    [ "$SECONDS" -lt "$end" ] || return 1
    sleep 0.2
  done
}

# stop_pid FILE: SIGTERM the daemon whose pid FILE holds, wait for it to exit (daemons
# write state while shutting down), SIGKILL after 30 s.
stop_pid() {
  local pid
  [ -s "$1" ] || return 0
  pid=$(cat "$1")
  kill "$pid" 2>/dev/null || return 0
  wait_for 30 bash -c "! kill -0 $pid 2>/dev/null" || kill -9 "$pid" 2>/dev/null || true
}

nodes() { sed -n 's/^NodeName=\([^ ]*\) .*/\1/p' "$dir/slurm.conf"; }

write_confs() {
  local n=$1 cpus mem i
  cpus=$(( $(nproc) / n ))
  [ "$cpus" -ge 2 ] || cpus=2
  mem=$(( ($(awk '/MemTotal/ {print $2}' /proc/meminfo) / 1024 - 1024) / n ))
  local dbd_port ctld_port
  dbd_port=$(free_port) ctld_port=$(free_port)
  cat > "$dir/slurm.conf" <<CONF
ClusterName=m2htest
SlurmctldHost=localhost(127.0.0.1)
SlurmctldPort=$ctld_port
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$dir/munge.socket
StateSaveLocation=$dir/state
SlurmdSpoolDir=$dir/spool/%n
SlurmctldPidFile=$dir/slurmctld.pid
SlurmdPidFile=$dir/slurmd-%n.pid
SlurmctldLogFile=$dir/slurmctld.log
SlurmdLogFile=$dir/slurmd-%n.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core_Memory
AccountingStorageType=accounting_storage/slurmdbd
AccountingStorageHost=localhost
AccountingStoragePort=$dbd_port
AccountingStoragePass=$dir/munge.socket
AccountingStorageEnforce=associations
JobAcctGatherType=jobacct_gather/linux
JobAcctGatherFrequency=5
JobCompType=jobcomp/none
AccountingStoreFlags=job_comment
MinJobAge=300
ReturnToService=2
SlurmdTimeout=10
SlurmctldTimeout=10
MessageTimeout=5
TCPTimeout=3
InactiveLimit=0
KillWait=5
MpiDefault=none
SchedulerType=sched/backfill
SchedulerParameters=sched_interval=2
CONF
  for i in $(seq 1 "$n"); do
    echo "NodeName=n$i NodeHostname=$(hostname) NodeAddr=127.0.0.1 Port=$(free_port) CPUs=$cpus RealMemory=$mem State=UNKNOWN" >> "$dir/slurm.conf"
  done
  echo "PartitionName=m2h Nodes=n[1-$n] Default=YES MaxTime=INFINITE State=UP" >> "$dir/slurm.conf"

  local db_port
  db_port=$(free_port)
  echo "$db_port" > "$dir/mariadb.port"
  # slurmdbd reads slurmdbd.conf beside slurm.conf; it must be 0600 and owned by SlurmUser.
  ( umask 077
    cat > "$dir/slurmdbd.conf" <<CONF
AuthType=auth/munge
AuthInfo=socket=$dir/munge.socket
DbdAddr=127.0.0.1
DbdHost=localhost
DbdPort=$dbd_port
SlurmUser=root
LogFile=$dir/slurmdbd.log
PidFile=$dir/slurmdbd.pid
StorageType=accounting_storage/mysql
StorageHost=127.0.0.1
StoragePort=$db_port
StorageUser=slurm
StoragePass=m2htest
StorageLoc=slurm_acct_db
CONF
  )
}

start_mariadb() {
  local port
  port=$(cat "$dir/mariadb.port")
  mysql_install_db --user=root --datadir="$dir/db" --auth-root-authentication-method=socket \
    > "$dir/mariadb-install.log" 2>&1 || { log "mysql_install_db failed: $(tail -5 "$dir/mariadb-install.log")"; return 1; }
  mysqld --no-defaults --user=root --datadir="$dir/db" --socket="$dir/mysql.sock" --pid-file="$dir/mysql.pid" \
    --port="$port" --bind-address=127.0.0.1 --skip-name-resolve --innodb-buffer-pool-size=64M \
    --log-error="$dir/mariadb.log" > /dev/null 2>&1 &
  wait_for 60 mysqladmin --socket="$dir/mysql.sock" -uroot ping || { log "MariaDB did not start: $(tail -5 "$dir/mariadb.log")"; return 1; }
  mysql --socket="$dir/mysql.sock" -uroot <<SQL
CREATE DATABASE slurm_acct_db;
CREATE USER 'slurm'@'127.0.0.1' IDENTIFIED BY 'm2htest';
CREATE USER 'slurm'@'localhost' IDENTIFIED BY 'm2htest';
GRANT ALL ON slurm_acct_db.* TO 'slurm'@'127.0.0.1';
GRANT ALL ON slurm_acct_db.* TO 'slurm'@'localhost';
SQL
}

start_slurmd() {
  mkdir -p "$dir/spool/$1"
  slurmd -N "$1"
}

node_up() { timeout 10 sinfo -h -n "$1" -o '%t' 2>/dev/null | grep -qE '^(idle|mix|alloc)$'; }
all_up() {
  local node
  for node in $(nodes); do node_up "$node" || return 1; done
}

start() {
  local n=${1:-3} node
  [ "$(id -u)" -eq 0 ] || { log "needs root"; exit 1; }
  mkdir -p "$dir/state" "$dir/spool"
  write_confs "$n"
  munged --force --socket="$dir/munge.socket" --pid-file="$dir/munged.pid" \
    --log-file="$dir/munged.log" --seed-file="$dir/munged.seed"
  start_mariadb || { stop; exit 1; }
  # slurmdbd first: a slurmctld that starts without it and without saved state dies.
  slurmdbd
  wait_for 60 sacctmgr -n list cluster || { log "slurmdbd did not start: $(tail -5 "$dir/slurmdbd.log")"; stop; exit 1; }
  sacctmgr -i add cluster m2htest > /dev/null
  sacctmgr -i add account m2h Description=tests Organization=m2h > /dev/null
  sacctmgr -i add user root Account=m2h DefaultAccount=m2h > /dev/null
  slurmctld -i
  # Where the nodes of a configless cluster keep their copy of the config, and where SLURM's
  # clients look when SLURM_CONF is not set (the Snakemake SLURM plugin's job step unsets
  # every SLURM_* variable before its srun).
  mkdir -p /run/slurm
  ln -sfn "$dir" /run/slurm/conf
  for node in $(nodes); do start_slurmd "$node"; done
  wait_for 60 all_up || { log "the nodes did not come up: $(sinfo -N 2>&1); see $dir/*.log"; stop; exit 1; }
  log "$n nodes up: $(sinfo -h -N -o '%N %c CPUs %m MB %t' | tr '\n' ';')"
}

stop() {
  local f
  for f in "$dir"/slurmd-*.pid; do [ -e "$f" ] && stop_pid "$f"; done
  stop_pid "$dir/slurmctld.pid"
  stop_pid "$dir/slurmdbd.pid"
  if [ -S "$dir/mysql.sock" ]; then
    mysqladmin --socket="$dir/mysql.sock" -uroot shutdown 2>/dev/null || stop_pid "$dir/mysql.pid"
  fi
  stop_pid "$dir/munged.pid"
  [ "$(readlink /run/slurm/conf 2>/dev/null)" != "$dir" ] || rm -f /run/slurm/conf
  # Job processes of a killed node that are still about, and their step daemons.
  pkill -9 -f "slurmstepd: \[" 2>/dev/null || true
}

# The processes of every job on NODE: SLURM puts SLURMD_NODENAME in each job process's
# environment; the step daemons carry the job id in their title.
node_pids() {
  local node=$1 id pid
  for id in $2; do pgrep -f "slurmstepd: \[$id\." || true; done
  for pid in $(ls /proc | grep -E '^[0-9]+$'); do
    { tr '\0' '\n' < "/proc/$pid/environ"; } 2>/dev/null | grep -qx "SLURMD_NODENAME=$node" && echo "$pid" || true
  done
}

# depth_first PID...: the PIDs, those deepest in the process tree first.
depth_first() {
  local pid p d stat
  for pid; do
    p=$pid d=0
    while [ "$p" -gt 1 ] && { read -r stat < "/proc/$p/stat"; } 2>/dev/null; do
      stat=${stat##*) }       # after the command name, which may hold spaces and ')'
      p=${stat#* } p=${p%% *}  # the parent's PID
      d=$((d + 1))
    done
    echo "$d $pid"
  done | sort -rn | cut -d' ' -f2
}

# A node dies all at once: its processes are stopped first, then killed together, so none
# sees another die and reacts (a job's wrapper that outlives its script writes an exit
# status, as no real node's would). The scan is repeated until it finds no process that
# is not stopped yet (a job may fork while it runs). Children die before their parents,
# slurmd last: a process group left without a parent in its session while a member is
# still stopped gets SIGHUP and SIGCONT from the kernel (an orphaned process group), and a
# Nextflow wrapper woken so wrote exit status 0 for a tool that had removed its
# unfinished output on the same SIGHUP.
kill_node() {
  local node=$1 jobs pids=() new pid round slurmd=""
  jobs=$(squeue -h -w "$node" -o %A 2>/dev/null | tr '\n' ' ' || true)
  [ -s "$dir/slurmd-$node.pid" ] && slurmd=$(cat "$dir/slurmd-$node.pid") && kill -STOP "$slurmd" 2>/dev/null || true
  for round in 1 2 3 4 5; do
    new=()
    for pid in $(node_pids "$node" "$jobs"); do
      [[ " ${pids[*]} " == *" $pid "* ]] || new+=("$pid")
    done
    [ ${#new[@]} -gt 0 ] || break
    kill -STOP "${new[@]}" 2>/dev/null || true
    pids+=("${new[@]}")
  done
  kill -9 $(depth_first "${pids[@]}" $slurmd) 2>/dev/null || true
  log "node $node killed (jobs: ${jobs:-none}; ${#pids[@]} processes)"
}

case $cmd in
  start) start "${3:-3}" ;;
  stop) stop ;;
  kill-node) kill_node "${3:?$usage}" ;;
  start-node) start_slurmd "${3:?$usage}"; wait_for 60 node_up "$3" || { log "node $3 did not come back"; exit 1; } ;;
  restart-ctld)
    stop_pid "$dir/slurmctld.pid"
    sleep "${3:-0}"
    slurmctld
    wait_for 60 scontrol ping || { log "slurmctld did not come back: $(tail -5 "$dir/slurmctld.log")"; exit 1; } ;;
  nodes) nodes ;;
  *) echo "$usage" >&2; exit 1 ;;
esac
