#!/usr/bin/env bash
# Prove that the local Slurm cluster does what the workbench's array-job tests need, in under 2 minutes:
#
#  A. an 8-task array (sbatch --array=0-7%8, one CPU per task, each task: sleep 2; echo its index) runs two tasks at a
#     time on the 2-CPU node; task 1's first run is long and is killed with `scancel --signal=KILL JOB_1`, then
#     `scontrol requeue JOB_1` makes it run again and complete; a job submitted with --dependency=afterok:JOB runs
#     only after every task, once its dependency has been re-pointed at the tasks (see README: a killed task poisons
#     a whole-array afterok for good); sacct shows every job and step COMPLETED 0:0 (and, with --duplicates, the
#     killed run);
#  B. `scontrol requeue JOB_1` on a *running* task (no scancel) reruns it without touching afterok:JOB.
#
# Starts the cluster with start-local.sh if it is not up (and then stops it again at the end, unless --keep).
# Prints the timings; exit 0 on success, 1 with a one-line `self-check: ERROR: ...` (plus diagnostics) otherwise.
set -uo pipefail

me="self-check"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=common.sh
source "$here/common.sh"
keep=0
for arg in "$@"; do
  case "$arg" in
    --keep) keep=1 ;;
    *) echo "$me: ERROR: unknown option '$arg' (known: --keep)" >&2; exit 2 ;;
  esac
done

t_all=$(now_s)
deadline=$(($(date +%s) + 115)) # the whole check, cluster start included, stays under 2 minutes
started_here=0
jobs_to_cancel=""
sacct_out=""
work=""

cleanup() {
  # shellcheck disable=SC2086
  [ -n "$jobs_to_cancel" ] && timeout 10 scancel $jobs_to_cancel >/dev/null 2>&1
  if ((started_here && !keep)); then
    bash "$here/stop-local.sh" >/dev/null 2>&1 || echo "$me: warning: stop-local.sh failed" >&2
  fi
}
trap cleanup EXIT

# check_fail MESSAGE: one-line error, then what the cluster says about the jobs, then exit 1.
check_fail() {
  echo "$me: ERROR: $1" >&2
  {
    echo "---- squeue ----"
    timeout 10 squeue -o '%i %t %r %S' 2>&1 | head -n 30
    if [ -n "$jobs_to_cancel" ]; then
      echo "---- sacct --duplicates ----"
      timeout 10 sacct -D -n -P -j "${jobs_to_cancel// /,}" --format=JobID,State,ExitCode,Start,End 2>&1 | head -n 40
    fi
    [ -n "${work:-}" ] && echo "---- job scripts and outputs kept in $work ----"
    echo "---- last lines of $LOG/slurmctld.log ----"
    tail -n 15 "$LOG/slurmctld.log" 2>/dev/null
  } >&2
  exit 1
}

# until_true SECONDS WHAT COMMAND...: poll every 0.5 s, never past SECONDS nor past the global deadline.
until_true() {
  local secs=$1 what=$2 end
  shift 2
  end=$(($(date +%s) + secs))
  ((end > deadline)) && end=$deadline
  until "$@"; do
    (($(date +%s) < end)) || check_fail "timed out waiting for $what${sacct_out:+ (last sacct: $(tr '\n' ' ' <<<"$sacct_out"))}"
    sleep 0.5
  done
}
finished() { [ -z "$(timeout 10 squeue -h -j "$1" -o '%i' 2>/dev/null)" ] && [ -n "$(sacct -n -X -j "${1%%,*}" -o JobID 2>/dev/null)" ]; }
ctl_state() { timeout 10 scontrol -o show job "$1" 2>/dev/null | grep -o 'JobState=[A-Z_]*' | head -n1 | cut -d= -f2; }

# ------------------------------------------------------------------------------------------------------- the cluster
if [ -s "$RUN_DIR/env.sh" ] && (source "$RUN_DIR/env.sh" && timeout 10 scontrol ping >/dev/null 2>&1 &&
  pid_of "$PIDS/slurmd.pid" slurmd >/dev/null); then
  say "cluster already running"
  start_time="(already running)"
else
  t=$(now_s)
  bash "$here/start-local.sh" >"/tmp/landscaper-slurm-self-check-start.log" 2>&1 || {
    cat /tmp/landscaper-slurm-self-check-start.log >&2
    echo "$me: ERROR: start-local.sh failed (output above)" >&2
    exit 1
  }
  started_here=1
  start_time="$(since_s "$t")s"
  say "cluster started in $start_time"
fi
# shellcheck source=/dev/null
source "$RUN_DIR/env.sh"
ncpu=$(timeout 10 sinfo -h -o '%c' | head -n1)
[[ $ncpu =~ ^[0-9]+$ ]] && ((ncpu >= 2)) || check_fail "the node has ${ncpu:-no} CPUs in sinfo; the check needs at least 2"

work=$(mktemp -d "$RUN_DIR/self-check.XXXXXX")
chmod 755 "$work"
cat >"$work/task.sh" <<'EOF'
#!/bin/bash
# One array task: the first run of task $VICTIM hangs (so it can be killed or requeued while running), every other
# run sleeps 2 s and prints its index. Start and end times go to the task's output file (opened in append mode).
echo "start $(date +%s.%N) task=$SLURM_ARRAY_TASK_ID restart=${SLURM_RESTART_COUNT:-0}"
if [ "$SLURM_ARRAY_TASK_ID" = "$VICTIM" ] && [ "${SLURM_RESTART_COUNT:-0}" = 0 ]; then sleep 100; fi
sleep 2
echo "$SLURM_ARRAY_TASK_ID"
echo "end $(date +%s.%N)"
EOF
chmod 755 "$work/task.sh"

# -------------------------------------------------------------------------------- A. array + kill + requeue + afterok
t_a=$(now_s)
cd "$work" || check_fail "cannot enter $work"
A=$(sbatch --parsable --export=ALL,VICTIM=1 --array=0-7%8 --cpus-per-task=1 --open-mode=append \
  -J lsw-array -o "$work/a-%a.out" "$work/task.sh") || check_fail "sbatch of the array failed"
A=${A%%;*}
jobs_to_cancel="$A"
D=$(sbatch --parsable --dependency=afterok:"$A" -J lsw-after -o "$work/a-dep.out" \
  --wrap 'echo "start $(date +%s.%N)"; echo dependent ran') || check_fail "sbatch of the dependent job failed"
D=${D%%;*}
jobs_to_cancel="$A $D"
say "A: array job $A (tasks 0-7), dependent job $D (afterok:$A)"

# RUNNING in squeue can precede the script's first line: wait for the script itself to be running.
until_true 30 "task ${A}_1 to run" grep -qs 'restart=0' "$work/a-1.out"
scancel --signal=KILL "${A}_1" || check_fail "scancel --signal=KILL ${A}_1 failed"
until_true 20 "task ${A}_1 to end after the kill" sh -c "s=\$(timeout 10 scontrol -o show job ${A}_1 | grep -o 'JobState=[A-Z_]*'); case \$s in *CANCELLED*|*FAILED*) exit 0;; esac; exit 1"
killed_state=$(ctl_state "${A}_1")
scontrol requeue "${A}_1" || check_fail "scontrol requeue ${A}_1 failed (state $killed_state)"
# The kill made afterok:$A unsatisfiable for good (the array remembers a non-zero exit); depend on the tasks instead.
tasks=$(seq -s: -f "${A}_%g" 0 7)
scontrol update JobId="$D" Dependency="afterok:$tasks" || check_fail "scontrol update of $D's dependency failed"
say "A: killed ${A}_1 (state $killed_state), requeued it, re-pointed $D at afterok:${A}_0..7"

until_true 90 "array $A and job $D to finish" finished "$A,$D"
t_a_done=$(since_s "$t_a")

# Every task's final run completed; task 1 ran twice.
for i in 0 1 2 3 4 5 6 7; do
  f="$work/a-$i.out"
  grep -qx "$i" "$f" 2>/dev/null || check_fail "task $i did not print its index ($f)"
  grep -q '^end ' "$f" || check_fail "task $i has no end mark ($f)"
done
grep -qs 'restart=0' "$work/a-1.out" && grep -q 'restart=1' "$work/a-1.out" ||
  check_fail "task 1 did not run a second time after the requeue ($(tr '\n' ' ' <"$work/a-1.out"))"
grep -q 'dependent ran' "$work/a-dep.out" 2>/dev/null || check_fail "the dependent job $D did not run"

# Concurrency from the final runs' start/end times: at least 2 tasks at once, never more than the node's CPUs.
intervals=$(for i in 0 1 2 3 4 5 6 7; do
  awk '/^start /{s=$2} /^end /{e=$2} END{print s, e}' "$work/a-$i.out"
done)
read -r max_conc < <(awk '{ ev[n++] = $1 " 1"; ev[n++] = $2 " -1" } END {
    for (i = 0; i < n; i++) print ev[i] }' <<<"$intervals" | sort -k1,1g -k2,2n | awk '{ c += $2; if (c > m) m = c } END { print m }')
((max_conc >= 2)) || check_fail "array tasks never ran concurrently (max $max_conc at once)"
((max_conc <= ncpu)) || check_fail "$max_conc tasks ran at once on a $ncpu-CPU node"
last_end=$(awk '{ if ($2 > m) m = $2 } END { printf "%.3f", m }' <<<"$intervals")
dep_start=$(awk '/^start /{print $2}' "$work/a-dep.out")
awk -v d="$dep_start" -v e="$last_end" 'BEGIN { exit !(d >= e) }' ||
  check_fail "dependent job $D started ($dep_start) before the last array task ended ($last_end)"

# sacct: every job and step of A and D, final state COMPLETED with exit code 0:0. Accounting reaches slurmdbd
# asynchronously, so give it a few seconds.
sacct_ok() {
  sacct_out=$(timeout 10 sacct -n -P -j "$A,$D" --format=JobID,State,ExitCode 2>&1) || return 1
  local jobs steps bad
  jobs=$(grep -c -E "^(${A}_[0-7]|$D)\|" <<<"$sacct_out")
  steps=$(grep -c -E "^(${A}_[0-7]|$D)\.batch\|" <<<"$sacct_out")
  bad=$(grep -v -E '\|COMPLETED\|0:0$' <<<"$sacct_out" | grep -c .)
  ((jobs == 9 && steps == 9 && bad == 0))
}
until_true 20 "sacct to show all 9 jobs and 9 batch steps COMPLETED 0:0" sacct_ok
dup=$(timeout 10 sacct -D -n -P -j "${A}_1" --format=JobID,State,ExitCode | tr '\n' ' ')
say "A: done in ${t_a_done}s; up to $max_conc tasks at once; $D started after the last task; sacct: 9 jobs + 9 steps COMPLETED 0:0"
say "A: sacct --duplicates for ${A}_1: $dup"

# ---------------------------------------------------------------------- B. requeue of a running task keeps afterok
t_b=$(now_s)
B=$(sbatch --parsable --export=ALL,VICTIM=1 --array=0-1 --open-mode=append -J lsw-requeue -o "$work/b-%a.out" \
  "$work/task.sh") || check_fail "sbatch of array B failed"
B=${B%%;*}
jobs_to_cancel="$A $D $B"
E=$(sbatch --parsable --dependency=afterok:"$B" -J lsw-after-b -o "$work/b-dep.out" --wrap 'echo dependent ran') ||
  check_fail "sbatch of B's dependent job failed"
E=${E%%;*}
jobs_to_cancel="$A $D $B $E"
until_true 30 "task ${B}_1 to run" grep -qs 'restart=0' "$work/b-1.out"
scontrol requeue "${B}_1" || check_fail "scontrol requeue of the running task ${B}_1 failed"
until_true 60 "array $B and job $E (afterok:$B, unchanged) to finish" finished "$B,$E"
grep -q 'restart=1' "$work/b-1.out" && grep -qx 1 "$work/b-1.out" || check_fail "task ${B}_1 did not rerun to completion"
grep -q 'dependent ran' "$work/b-dep.out" 2>/dev/null || check_fail "job $E (afterok:$B) did not run after the requeue"
sacct_b() {
  sacct_out=$(timeout 10 sacct -n -P -j "$B,$E" --format=JobID,State,ExitCode 2>&1) || return 1
  [ "$(grep -c -E '\|COMPLETED\|0:0$' <<<"$sacct_out")" = 6 ] && ! grep -v -q -E '\|COMPLETED\|0:0$' <<<"$sacct_out"
}
until_true 20 "sacct to show B's jobs and steps COMPLETED 0:0" sacct_b
say "B: requeued the running task ${B}_1; it reran and $E (afterok:$B) ran without any update, in $(since_s "$t_b")s"

jobs_to_cancel=""
rm -rf "$work"
say "PASS: cluster start ${start_time}, whole check $(since_s "$t_all")s"
