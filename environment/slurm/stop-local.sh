#!/usr/bin/env bash
# Stop the single-node Slurm cluster started by start-local.sh: cancel its jobs, then stop slurmd (and kill any job
# step it left behind), slurmctld, slurmdbd, MariaDB and munged of the run directory ($LANDSCAPER_SLURM_DIR, default
# /tmp/landscaper-slurm). Only the processes named in that run directory's pid files, and the job steps started by its
# slurmd, are signalled. Idempotent: on a stopped cluster it prints "nothing running" and exits 0.
#
#   --purge   afterwards also delete the run directory (accounting database, job state, logs, munge key)
#
# Exit status 1, with a one-line error, only if a daemon survives SIGKILL.
set -uo pipefail

me="stop-local"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=common.sh
source "$here/common.sh"

purge=0
for arg in "$@"; do
  case "$arg" in
    --purge) purge=1 ;;
    *) echo "$me: ERROR: unknown option '$arg' (known: --purge)" >&2; exit 2 ;;
  esac
done
t0=$(now_s)

if [ ! -d "$RUN_DIR" ]; then
  say "nothing running (no $RUN_DIR)"
  exit 0
fi

exec 9>"$RUN_DIR/lock"
flock -w 300 9 || { echo "$me: ERROR: another start-local.sh or stop-local.sh holds $RUN_DIR/lock for over 300 s" >&2; exit 1; }

stopped_any=0
failed=0
# 1. Cancel the cluster's jobs while slurmctld still answers (time-boxed), so that slurmd ends their steps itself.
if pid_of "$PIDS/slurmctld.pid" slurmctld >/dev/null && [ -f "$CONF" ]; then
  export SLURM_CONF="$CONF"
  jobs=$(timeout 15 squeue -h -o '%A' 2>/dev/null | sort -u | tr '\n' ' ')
  if [ -n "${jobs// /}" ]; then
    say "cancelling jobs: $jobs"
    # shellcheck disable=SC2086
    timeout 15 scancel $jobs >/dev/null 2>&1
    for ((i = 0; i < 60; i++)); do
      [ -z "$(timeout 10 squeue -h -o '%A' 2>/dev/null)" ] && break
      sleep 0.25
    done
  fi
fi

# 2. The daemons, in the reverse order of their start.
for d in "slurmd slurmd" "slurmctld slurmctld" "slurmdbd slurmdbd" "mariadbd mariadbd mysqld" "munged munged"; do
  # shellcheck disable=SC2086
  set -- $d
  if pid_of "$PIDS/$1.pid" "${@:2}" >/dev/null; then
    stopped_any=1
    stop_daemon "$1" "$PIDS/$1.pid" "${@:2}" || failed=1
  fi
  if [ "$1" = slurmd ]; then
    steps=$(cluster_steps)
    if [ -n "${steps// /}" ]; then
      stopped_any=1
      say "killing leftover job processes: $steps"
      # shellcheck disable=SC2086
      kill -KILL $steps 2>/dev/null
    fi
  fi
done

if ((failed)); then
  exit 1
fi
if ((stopped_any)); then
  say "cluster stopped in $(since_s "$t0")s"
else
  say "nothing running"
fi
if ((purge)); then
  case "$RUN_DIR" in
    / | /tmp | /root | /home | /var | /usr | /etc | /run) echo "$me: ERROR: refusing to purge '$RUN_DIR'" >&2; exit 1 ;;
  esac
  rm -rf "$RUN_DIR" && say "removed $RUN_DIR"
fi
exit 0
