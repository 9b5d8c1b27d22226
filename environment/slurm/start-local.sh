#!/usr/bin/env bash
# Start a real single-node Slurm 22.05 cluster on this machine, without systemd, cgroups or containers:
#   munged -> MariaDB (mariadbd) -> slurmdbd -> slurmctld -> slurmd, all as plain daemons, all state under one run
#   directory ($LANDSCAPER_SLURM_DIR, default /tmp/landscaper-slurm). The system's own config (/etc/slurm,
#   /etc/munge, /var/lib/mysql) is neither read nor changed.
#
# Idempotent: installs only the missing packages of environment/apt-packages-cluster.txt, keeps daemons that are
# already running, and waits (time-boxed) until `sinfo` shows the node idle. On success it writes $RUN_DIR/env.sh and
# prints `export SLURM_CONF=...` as its last line; callers do `source "$RUN_DIR/env.sh"` (or eval the last line).
# On failure: one line `start-local: ERROR: ...` on stderr, the tail of the relevant log, exit status 1.
#
# Settings (environment, all optional):
#   LANDSCAPER_SLURM_DIR        run directory                       (/tmp/landscaper-slurm)
#   LANDSCAPER_SLURM_CLUSTER    ClusterName                         (landscaper)
#   LANDSCAPER_SLURM_PORT_BASE  slurmctld port; slurmd, slurmdbd and MariaDB use the next three   (6817)
#   LANDSCAPER_SLURM_TIMEOUT    seconds to wait for each daemon and for the idle node              (60)
#   LANDSCAPER_SLURM_CRED_EXPIRE  job credential lifetime = delay before a requeued job may restart (10)
#   LANDSCAPER_SLURM_NO_INSTALL=1  never call apt-get (fail if a package is missing)
# Needs root (apt-get, slurmd launching jobs, and the daemons run as root).
set -euo pipefail

me="start-local"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=common.sh
source "$here/common.sh"
pkg_list="$(cd "$here/.." && pwd)/apt-packages-cluster.txt"
CLUSTER="${LANDSCAPER_SLURM_CLUSTER:-landscaper}"
PORT_BASE="${LANDSCAPER_SLURM_PORT_BASE:-6817}"
TIMEOUT="${LANDSCAPER_SLURM_TIMEOUT:-60}"
CRED_EXPIRE="${LANDSCAPER_SLURM_CRED_EXPIRE:-10}"
MUNGE="$RUN_DIR/munge"
DB="$RUN_DIR/mariadb"
DBD_CONF="$ETC/slurmdbd.conf"
MY_CNF="$ETC/my.cnf"
DB_NAME=slurm_acct_db
DB_USER=slurm
t0=$(now_s)

# wait_up SECONDS TAG PIDFILE NAME COMMAND...: run COMMAND every 0.25 s until it succeeds (status 0), SECONDS have
# passed (1), or the daemon is gone (2: no live NAME in PIDFILE after a 10 s grace for daemonizing). Each try of an
# external command is limited to 20 s; the output of the last try is kept in $LOG/wait-TAG.out for the error report.
wait_up() {
  local secs=$1 tag=$2 file=$3 name=$4 start end
  shift 4
  start=$(date +%s)
  end=$((start + secs))
  while true; do
    if declare -F "$1" >/dev/null; then
      "$@" >"$LOG/wait-$tag.out" 2>&1 && return 0
    else
      timeout 20 "$@" >"$LOG/wait-$tag.out" 2>&1 && return 0
    fi
    if (($(date +%s) - start >= 10)) && ! pid_of "$file" "$name" >/dev/null; then
      return 2
    fi
    (($(date +%s) < end)) || return 1
    sleep 0.25
  done
}

# need_port PORT DAEMON: fail clearly if another program already listens on PORT (before DAEMON is started).
need_port() {
  if command -v ss >/dev/null && [ -n "$(ss -Hltn "sport = :$1" 2>/dev/null)" ]; then
    fail "port $1, needed by $2, is already in use ($(ss -Hltnp "sport = :$1" 2>/dev/null | grep -o 'users:.*' | head -n1)); set LANDSCAPER_SLURM_PORT_BASE to another base"
  fi
}

[ "$(id -u)" -eq 0 ] || fail "must run as root (apt-get, slurmd and the daemons need it); try: sudo $0"
[[ $PORT_BASE =~ ^[0-9]+$ ]] && ((PORT_BASE > 1023 && PORT_BASE < 65530)) ||
  fail "LANDSCAPER_SLURM_PORT_BASE must be a port number between 1024 and 65529 (got '$PORT_BASE')"
CTLD_PORT=$PORT_BASE
SLURMD_PORT=$((PORT_BASE + 1))
DBD_PORT=$((PORT_BASE + 2))
DB_PORT=$((PORT_BASE + 3))
[[ $TIMEOUT =~ ^[0-9]+$ ]] && ((TIMEOUT >= 5)) || fail "LANDSCAPER_SLURM_TIMEOUT must be a whole number of seconds >= 5 (got '$TIMEOUT')"
[[ $CRED_EXPIRE =~ ^[0-9]+$ ]] && ((CRED_EXPIRE >= 5)) ||
  fail "LANDSCAPER_SLURM_CRED_EXPIRE must be a whole number of seconds >= 5 (got '$CRED_EXPIRE')"
[[ $RUN_DIR == /* ]] || fail "LANDSCAPER_SLURM_DIR must be an absolute path (got '$RUN_DIR')"

# One start or stop at a time per run directory (fd 9 is closed for every daemon, so they do not keep the lock).
mkdir -p "$RUN_DIR"
exec 9>"$RUN_DIR/lock"
flock -w 300 9 || fail "another start-local.sh or stop-local.sh holds $RUN_DIR/lock for over 300 s"

# ---------------------------------------------------------------------------------------------------------- packages
[ -r "$pkg_list" ] || fail "package list $pkg_list not found"
mapfile -t wanted < <(sed 's/#.*//' "$pkg_list" | awk 'NF {print $1}')
missing=()
for p in "${wanted[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  [ "${LANDSCAPER_SLURM_NO_INSTALL:-0}" = 1 ] && fail "missing packages (install disabled): ${missing[*]}"
  say "installing: ${missing[*]}"
  apt_log="$(mktemp /tmp/landscaper-slurm-apt.XXXXXX.log)"
  # Packages like munge/slurmd try to start their services from postinst; without systemd invoke-rc.d would run the
  # SysV scripts. A temporary policy-rc.d (only if the machine has none) keeps the install from starting anything.
  policy_added=0
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d && chmod 755 /usr/sbin/policy-rc.d && policy_added=1
  fi
  rc=0
  {
    # Waits up to 120 s for another apt/dpkg run to release its lock; the whole install is limited to 15 minutes.
    timeout 300 apt-get -o DPkg::Lock::Timeout=120 update -qq &&
      DEBIAN_FRONTEND=noninteractive timeout 900 apt-get -o DPkg::Lock::Timeout=120 install -y -qq \
        --no-install-recommends "${missing[@]}"
  } >"$apt_log" 2>&1 || rc=$?
  ((policy_added)) && rm -f /usr/sbin/policy-rc.d
  ((rc == 0)) || fail "apt-get install failed (exit $rc) for: ${missing[*]}" "$apt_log"
  rm -f "$apt_log"
fi
for b in munged mungekey slurmctld slurmd slurmdbd sinfo sacctmgr mariadbd mariadb-install-db mariadb; do
  command -v "$b" >/dev/null || fail "command '$b' not found after installing $pkg_list"
done

# ------------------------------------------------------------------------------------------------------- directories
mkdir -p "$RUN_DIR" "$ETC" "$LOG" "$PIDS" "$RUN_DIR/state" "$RUN_DIR/spool" "$MUNGE" "$DB"
chmod 755 "$RUN_DIR" "$ETC" "$LOG" "$PIDS" "$MUNGE"
chmod 700 "$RUN_DIR/state" "$RUN_DIR/spool" "$DB"

host=$(hostname -s 2>/dev/null || hostname)
[ -n "$host" ] || fail "cannot determine the host name (hostname -s)"

# ----------------------------------------------------------------------------------------------------------- configs
# write_if_changed FILE MODE: replace FILE with stdin only when the content differs (keeps mtimes of unchanged configs).
changed_configs=()
write_if_changed() {
  local file=$1 mode=$2 tmp
  tmp=$(mktemp "$file.XXXXXX")
  cat >"$tmp"
  chmod "$mode" "$tmp"
  if [ -f "$file" ] && cmp -s "$tmp" "$file"; then
    rm -f "$tmp"
  else
    mv -f "$tmp" "$file"
    changed_configs+=("$file")
  fi
}

# The node's hardware as slurmd itself detects it (the same numbers it reports when it registers), CPUs = nproc.
ncpu=$(nproc)
hw=$(slurmd -C 2>/dev/null | head -n1 || true)
hwval() { sed -n "s/.*[[:space:]]$1=\([0-9]*\).*/\1/p" <<<"$hw"; }
mem=$(hwval RealMemory)
[ -n "$mem" ] || mem=$(awk '/^MemTotal:/ {print int($2 / 1024)}' /proc/meminfo)
topo=""
if [ "$(hwval CPUs)" = "$ncpu" ] && [ -n "$(hwval CoresPerSocket)" ]; then
  topo=" Boards=$(hwval Boards) SocketsPerBoard=$(hwval SocketsPerBoard) CoresPerSocket=$(hwval CoresPerSocket) ThreadsPerCore=$(hwval ThreadsPerCore)"
fi

# Database password: made once, kept in the run directory (root only).
if [ ! -s "$ETC/db-password" ]; then
  (umask 077 && head -c 18 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' >"$ETC/db-password")
fi
DB_PASS=$(cat "$ETC/db-password")

write_if_changed "$CONF" 644 <<EOF
# Generated by environment/slurm/start-local.sh; edits are overwritten on the next start.
ClusterName=$CLUSTER
SlurmctldHost=$host(127.0.0.1)
SlurmctldPort=$CTLD_PORT
SlurmdPort=$SLURMD_PORT
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
# cred_expire: lifetime of job credentials, and also how long a requeued job waits before it may start again
# (Slurm's default of 120 s would leave every requeued job in Reason=BeginTime for two minutes).
AuthInfo=socket=$MUNGE/munge.socket,cred_expire=$CRED_EXPIRE
StateSaveLocation=$RUN_DIR/state
SlurmdSpoolDir=$RUN_DIR/spool
SlurmctldPidFile=$PIDS/slurmctld.pid
SlurmdPidFile=$PIDS/slurmd.pid
SlurmctldLogFile=$LOG/slurmctld.log
SlurmdLogFile=$LOG/slurmd.log
SlurmctldDebug=info
SlurmdDebug=info
MailProg=/bin/true
# No cgroups: processes are tracked through /proc, tasks are not bound.
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SwitchType=switch/none
MpiDefault=none
JobAcctGatherType=jobacct_gather/linux
JobAcctGatherFrequency=30
# Every CPU is a slot: two 1-CPU tasks run at once on a 2-CPU node. Memory is not a consumable.
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
SchedulerType=sched/backfill
SchedulerParameters=sched_interval=5,bf_interval=5
# Batch jobs may be requeued (scontrol requeue, node failure); finished jobs stay in slurmctld for MinJobAge s.
JobRequeue=1
MinJobAge=300
ReturnToService=2
SlurmctldTimeout=30
SlurmdTimeout=60
MessageTimeout=10
InactiveLimit=0
KillWait=5
Waittime=0
# Accounting (sacct): slurmdbd backed by the private MariaDB server of this run directory.
AccountingStorageType=accounting_storage/slurmdbd
AccountingStorageHost=127.0.0.1
AccountingStoragePort=$DBD_PORT
# For slurmdbd connections the munge socket is taken from AccountingStoragePass, not from AuthInfo.
AccountingStoragePass=$MUNGE/munge.socket
JobCompType=jobcomp/none
NodeName=$host NodeAddr=127.0.0.1 NodeHostname=$host CPUs=$ncpu$topo RealMemory=$mem State=UNKNOWN
PartitionName=debug Nodes=$host Default=YES MaxTime=INFINITE State=UP OverSubscribe=NO
EOF

# slurmdbd reads slurmdbd.conf from the directory of SLURM_CONF; it must be private to SlurmUser.
write_if_changed "$DBD_CONF" 600 <<EOF
# Generated by environment/slurm/start-local.sh.
AuthType=auth/munge
AuthInfo=socket=$MUNGE/munge.socket
DbdHost=$host
DbdAddr=127.0.0.1
DbdPort=$DBD_PORT
SlurmUser=root
LogFile=$LOG/slurmdbd.log
PidFile=$PIDS/slurmdbd.pid
DebugLevel=info
StorageType=accounting_storage/mysql
StorageHost=127.0.0.1
StoragePort=$DB_PORT
StorageUser=$DB_USER
StoragePass=$DB_PASS
StorageLoc=$DB_NAME
EOF

# A small, private MariaDB: loopback only, little memory, no durability tuning needed for a test cluster.
write_if_changed "$MY_CNF" 644 <<EOF
# Generated by environment/slurm/start-local.sh.
[client]
socket=$DB/mysqld.sock
[mysqld]
user=root
datadir=$DB/data
socket=$DB/mysqld.sock
pid-file=$PIDS/mariadbd.pid
log-error=$LOG/mariadb.log
tmpdir=$DB/tmp
port=$DB_PORT
bind-address=127.0.0.1
skip-name-resolve
skip-log-bin
performance_schema=OFF
max_connections=40
innodb_buffer_pool_size=64M
innodb_log_file_size=16M
innodb_lock_wait_timeout=900
innodb_flush_log_at_trx_commit=2
innodb_doublewrite=0
innodb_use_native_aio=0
EOF

export SLURM_CONF="$CONF"
# A daemon that runs with an older configuration is restarted (a config is rewritten only when its content changes).
changed() { local f; for f in "${changed_configs[@]}"; do [ "$f" = "$1" ] && return 0; done; return 1; }
restart_note() { say "configuration changed: restarting $*"; }
if changed "$MY_CNF" && pid_of "$PIDS/mariadbd.pid" mariadbd mysqld >/dev/null; then
  restart_note "slurmdbd and mariadbd"
  stop_daemon slurmdbd "$PIDS/slurmdbd.pid" slurmdbd || fail "cannot stop slurmdbd to apply $MY_CNF"
  stop_daemon mariadbd "$PIDS/mariadbd.pid" mariadbd mysqld || fail "cannot stop mariadbd to apply $MY_CNF"
fi
if changed "$DBD_CONF" && pid_of "$PIDS/slurmdbd.pid" slurmdbd >/dev/null; then
  restart_note slurmdbd
  stop_daemon slurmdbd "$PIDS/slurmdbd.pid" slurmdbd || fail "cannot stop slurmdbd to apply $DBD_CONF"
fi
if changed "$CONF" && { pid_of "$PIDS/slurmctld.pid" slurmctld >/dev/null || pid_of "$PIDS/slurmd.pid" slurmd >/dev/null; }; then
  restart_note "slurmd and slurmctld"
  stop_daemon slurmd "$PIDS/slurmd.pid" slurmd || fail "cannot stop slurmd to apply $CONF"
  stop_daemon slurmctld "$PIDS/slurmctld.pid" slurmctld || fail "cannot stop slurmctld to apply $CONF"
fi

# Every daemon that is not running yet needs its port free: check them all before starting anything.
pid_of "$PIDS/mariadbd.pid" mariadbd mysqld >/dev/null || need_port "$DB_PORT" mariadbd
pid_of "$PIDS/slurmdbd.pid" slurmdbd >/dev/null || need_port "$DBD_PORT" slurmdbd
pid_of "$PIDS/slurmctld.pid" slurmctld >/dev/null || need_port "$CTLD_PORT" slurmctld
pid_of "$PIDS/slurmd.pid" slurmd >/dev/null || need_port "$SLURMD_PORT" slurmd

# -------------------------------------------------------------------------------------------------------------- munge
if pid_of "$PIDS/munged.pid" munged >/dev/null; then
  say "munged already running"
else
  if [ ! -s "$MUNGE/munge.key" ]; then
    mungekey --create --keyfile="$MUNGE/munge.key" >/dev/null 2>&1 ||
      (umask 077 && head -c 1024 /dev/urandom >"$MUNGE/munge.key") || fail "cannot create the munge key $MUNGE/munge.key"
  fi
  chown root:root "$MUNGE/munge.key" && chmod 600 "$MUNGE/munge.key"
  rm -f "$MUNGE/munge.socket" "$MUNGE/munge.socket.lock"
  munged --socket="$MUNGE/munge.socket" --key-file="$MUNGE/munge.key" --pid-file="$PIDS/munged.pid" \
    --log-file="$LOG/munged.log" --seed-file="$MUNGE/munged.seed" --num-threads=2 </dev/null 9>&- >>"$LOG/munged.log" 2>&1 ||
    fail "munged did not start" "$LOG/munged.log"
  wait_up "$TIMEOUT" munge "$PIDS/munged.pid" munged \
    sh -c "munge -n -S '$MUNGE/munge.socket' | unmunge -S '$MUNGE/munge.socket'" ||
    fail "munged does not answer on $MUNGE/munge.socket (exited, or not within ${TIMEOUT}s)" "$LOG/wait-munge.out" "$LOG/munged.log"
  say "munged started"
fi

# ------------------------------------------------------------------------------------------------------------ mariadb
# shellcheck disable=SC2120
db_sql() { mariadb --defaults-file="$MY_CNF" -u root --batch --skip-column-names "$@"; }
if pid_of "$PIDS/mariadbd.pid" mariadbd mysqld >/dev/null; then
  say "mariadbd already running"
else
  mkdir -p "$DB/tmp"
  if [ ! -d "$DB/data/mysql" ]; then
    rm -rf "$DB/data"
    mariadb-install-db --defaults-file="$MY_CNF" --auth-root-authentication-method=socket --skip-test-db \
      >"$LOG/mariadb-install.log" 2>&1 || fail "mariadb-install-db failed" "$LOG/mariadb-install.log" "$LOG/mariadb.log"
  fi
  rm -f "$DB/mysqld.sock"
  setsid mariadbd --defaults-file="$MY_CNF" </dev/null 9>&- >>"$LOG/mariadb.log" 2>&1 &
  wait_up "$TIMEOUT" mariadb "$PIDS/mariadbd.pid" mariadbd db_sql -e 'SELECT 1' ||
    fail "MariaDB does not accept connections on $DB/mysqld.sock (exited, or not within ${TIMEOUT}s)" "$LOG/wait-mariadb.out" "$LOG/mariadb.log"
  say "mariadbd started"
fi
# shellcheck disable=SC2119
db_sql <<EOF || fail "cannot create the accounting database user in MariaDB" "$LOG/mariadb.log"
CREATE DATABASE IF NOT EXISTS $DB_NAME;
CREATE USER IF NOT EXISTS '$DB_USER'@'127.0.0.1' IDENTIFIED BY '$DB_PASS';
ALTER USER '$DB_USER'@'127.0.0.1' IDENTIFIED BY '$DB_PASS';
GRANT ALL PRIVILEGES ON $DB_NAME.* TO '$DB_USER'@'127.0.0.1';
EOF

# ----------------------------------------------------------------------------------------------------------- slurmdbd
if pid_of "$PIDS/slurmdbd.pid" slurmdbd >/dev/null; then
  say "slurmdbd already running"
else
  slurmdbd </dev/null 9>&- >>"$LOG/slurmdbd.log" 2>&1 || fail "slurmdbd did not start" "$LOG/slurmdbd.log"
  # The first start creates the accounting tables; sacctmgr answers once slurmdbd listens.
  wait_up "$TIMEOUT" slurmdbd "$PIDS/slurmdbd.pid" slurmdbd sacctmgr -n -P show cluster format=cluster ||
    fail "slurmdbd does not answer to sacctmgr (exited, or not within ${TIMEOUT}s)" "$LOG/wait-slurmdbd.out" "$LOG/slurmdbd.log" "$LOG/mariadb.log"
  say "slurmdbd started"
fi
if ! sacctmgr -n -P show cluster format=cluster 2>/dev/null | grep -qx "$CLUSTER"; then
  sacctmgr -i add cluster "$CLUSTER" >"$LOG/sacctmgr.log" 2>&1 ||
    fail "sacctmgr could not register cluster $CLUSTER" "$LOG/sacctmgr.log" "$LOG/slurmdbd.log"
fi

# ---------------------------------------------------------------------------------------------- slurmctld and slurmd
if pid_of "$PIDS/slurmctld.pid" slurmctld >/dev/null; then
  say "slurmctld already running"
else
  slurmctld -f "$CONF" </dev/null 9>&- >>"$LOG/slurmctld.log" 2>&1 || fail "slurmctld did not start" "$LOG/slurmctld.log"
  wait_up "$TIMEOUT" slurmctld "$PIDS/slurmctld.pid" slurmctld scontrol ping ||
    fail "slurmctld does not answer to scontrol ping (exited, or not within ${TIMEOUT}s)" "$LOG/wait-slurmctld.out" "$LOG/slurmctld.log"
  say "slurmctld started"
  # Jobs recovered from the state of an earlier run that was not stopped with stop-local.sh (e.g. the session ended)
  # would be requeued and run again: a fresh start begins with an empty queue.
  stale=$(timeout 15 squeue -h -o '%A' 2>/dev/null | sort -u | tr '\n' ' ')
  if [ -n "${stale// /}" ]; then
    # shellcheck disable=SC2086
    timeout 15 scancel $stale >/dev/null 2>&1 || true
    say "cancelled jobs left from an earlier run: $stale"
  fi
fi
if pid_of "$PIDS/slurmd.pid" slurmd >/dev/null; then
  say "slurmd already running"
else
  # Job steps of an earlier slurmd of this cluster (killed without stop-local.sh) would hold CPUs and files: end them.
  steps=$(cluster_steps)
  if [ -n "${steps// /}" ]; then
    # shellcheck disable=SC2086
    kill -KILL $steps 2>/dev/null || true
    say "killed job processes left from an earlier run: $steps"
  fi
  slurmd -f "$CONF" </dev/null 9>&- >>"$LOG/slurmd.log" 2>&1 || fail "slurmd did not start" "$LOG/slurmd.log"
  say "slurmd started"
fi

node_ready() {
  local st
  st=$(timeout 20 sinfo -h -n "$host" -o '%t' 2>/dev/null | head -n1)
  [[ $st == idle || $st == mix || $st == alloc ]]
}
if ! wait_up "$TIMEOUT" node "$PIDS/slurmd.pid" slurmd node_ready; then
  st=$(timeout 20 sinfo -h -N -n "$host" -o '%t %E' 2>/dev/null | head -n1)
  fail "node $host did not become idle (slurmd exited, or not within ${TIMEOUT}s; sinfo: ${st:-no answer})" "$LOG/slurmd.log" "$LOG/slurmctld.log"
fi

cat >"$RUN_DIR/env.sh" <<EOF
# Source this file to use the Landscaper test cluster (written by environment/slurm/start-local.sh).
export SLURM_CONF=$CONF
EOF
say "cluster '$CLUSTER' up in $(since_s "$t0")s: node $host, $ncpu CPUs, partition debug; logs in $LOG"
echo "export SLURM_CONF=$CONF"
