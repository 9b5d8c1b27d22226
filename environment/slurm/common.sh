# Shared by start-local.sh, stop-local.sh and self-check.sh (sourced, not run). Expects $me to name the caller.
# shellcheck shell=bash disable=SC2034,SC2154

RUN_DIR="${LANDSCAPER_SLURM_DIR:-/tmp/landscaper-slurm}"
ETC="$RUN_DIR/etc"
LOG="$RUN_DIR/log"
PIDS="$RUN_DIR/run"
CONF="$ETC/slurm.conf"

say() { echo "$me: $*"; }

# now_s: seconds since the epoch with a fraction; since_s T0: seconds elapsed since T0, one decimal.
now_s() { date +%s.%N; }
since_s() { awk -v a="$1" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }'; }

# fail MESSAGE [LOG_FILE...]: one clear line on stderr, then the tail of each (non-empty) log named; exit 1.
fail() {
  local msg=$1 f
  shift
  echo "$me: ERROR: $msg" >&2
  for f in "$@"; do
    [ -s "$f" ] || continue
    echo "---- last lines of $f ----" >&2
    tail -n 15 "$f" >&2
  done
  exit 1
}

# pid_of PIDFILE NAME...: print the pid the file names if that process lives and its command name starts with one of
# the NAMEs (so a stale pid file whose number was reused by another program is never trusted).
pid_of() {
  local file=$1 pid comm n
  shift
  [ -s "$file" ] || return 1
  pid=$(head -n1 "$file" 2>/dev/null | tr -dc 0-9)
  [ -n "$pid" ] && running "$pid" || return 1
  comm=$(cat "/proc/$pid/comm" 2>/dev/null) || return 1
  for n in "$@"; do
    if [[ $comm == "$n"* ]]; then
      echo "$pid"
      return 0
    fi
  done
  return 1
}

# running PID: the process exists and is not a zombie (an exited daemon whose parent has not reaped it yet).
running() {
  local st
  st=$(awk '{print $3}' "/proc/$1/stat" 2>/dev/null) || return 1
  [ -n "$st" ] && [ "$st" != Z ] && [ "$st" != X ]
}

# stop_daemon LABEL PIDFILE NAME...: SIGTERM, up to 20 s, then SIGKILL and 5 s more. Returns 0 if it is gone (or was
# not running: then it prints nothing), 1 if it survived SIGKILL.
stop_daemon() {
  local label=$1 file=$2 pid i
  shift 2
  pid=$(pid_of "$file" "$@") || { rm -f "$file"; return 0; }
  kill -TERM "$pid" 2>/dev/null
  for ((i = 0; i < 200; i++)); do
    running "$pid" || break
    sleep 0.1
  done
  if running "$pid"; then
    say "$label (pid $pid) ignored SIGTERM for 20 s; sending SIGKILL"
    kill -KILL "$pid" 2>/dev/null
    for ((i = 0; i < 50; i++)); do
      running "$pid" || break
      sleep 0.1
    done
  fi
  if running "$pid"; then
    echo "$me: ERROR: $label (pid $pid) is still running after SIGKILL" >&2
    return 1
  fi
  rm -f "$file"
  say "$label stopped"
  return 0
}

# Job steps of this cluster: slurmstepd processes whose environment names this cluster's SLURM_CONF (slurmd passes
# its own environment on), plus all their descendants.
cluster_steps() {
  local p roots=()
  for p in $(pgrep -f '^slurmstepd' 2>/dev/null); do
    tr '\0' '\n' <"/proc/$p/environ" 2>/dev/null | grep -qxF "SLURM_CONF=$CONF" && roots+=("$p")
  done
  ((${#roots[@]})) || return 0
  ps -e -o pid=,ppid= 2>/dev/null | awk -v roots="${roots[*]}" '
    { parent[$1] = $2; pid[NR] = $1 }
    END {
      n = split(roots, r, " "); for (i = 1; i <= n; i++) keep[r[i]] = 1
      do { grew = 0; for (i in pid) { p = pid[i]; if (!(p in keep) && (parent[p] in keep)) { keep[p] = 1; grew = 1 } } } while (grew)
      for (p in keep) print p
    }' | sort -n | tr '\n' ' '
}
