#!/usr/bin/env bash
# Measures sharded sampling on the local Slurm cluster against one process, for README ("Scale out") and
# docs/performance.md: a saved digits CNN, its top-4 Hessian directions (computed once), a 4-D landscape sampled
#   (1) by one `landscaper sample` process (1 thread),
#   (2) through environment/slurm/landscape.sbatch: a directions job, an 8-task job array (one CPU and --threads 1 per
#       task) and a merge job,
# with the `--dry-run` cost estimate next to both, and checks that the two results are byte-identical.
# Needs a running local cluster (bash environment/slurm/start-local.sh) and `landscaper` on the PATH.
# Prints one table; measure on a quiet machine and write the load average next to the numbers (printed too).
#
# Settings: STEPS=15 (points per axis, 4-D), SHARDS=8, WORK=/tmp/landscaper-speedup
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
STEPS=${STEPS:-15}
SHARDS=${SHARDS:-8}
WORK=${WORK:-/tmp/landscaper-speedup}
: "${SLURM_CONF:=${LANDSCAPER_SLURM_DIR:-/tmp/landscaper-slurm}/etc/slurm.conf}"
export SLURM_CONF
command -v landscaper >/dev/null || { echo "measure-speedup: landscaper is not on the PATH (run environment/setup.sh)" >&2; exit 1; }
sinfo -h >/dev/null 2>&1 || { echo "measure-speedup: no Slurm cluster answers (SLURM_CONF=$SLURM_CONF); run environment/slurm/start-local.sh" >&2; exit 1; }
rm -rf "$WORK"; mkdir -p "$WORK"; cd "$WORK"
now() { date +%s.%N; }
load() { cut -d' ' -f1-3 /proc/loadavg; }

echo "load average at start: $(load); cores: $(nproc); slurm CPUs: $(sinfo -h -o %c | head -n1)"
landscaper train --model cnn-digits --epochs 3 --seed 0 --out cnn.npz >/dev/null
landscaper directions --model cnn-digits --weights cnn.npz --kind hessian --top 4 --threads 1 --out directions.npz >/dev/null
common=(--model cnn-digits --weights cnn.npz --directions directions.npz --dims 4 --steps "$STEPS" --distance 0.05 --threads 1)
points=$((STEPS ** 4))
estimate=$(landscaper sample "${common[@]}" --dry-run --json --out est.npz | python3 -c 'import json,sys; print(json.load(sys.stdin)["estimate"]["estimatedSeconds"])')

t0=$(now); landscaper sample "${common[@]}" --out single.npz >/dev/null; t1=$(now)
single=$(python3 -c "print(f'{$t1 - $t0:.1f}')")

t0=$(now)
jobs=$(WEIGHTS="$WORK/cnn.npz" MODEL=cnn-digits DIMS=4 TOP=4 STEPS="$STEPS" DISTANCE=0.05 SHARDS="$SHARDS" OUTDIR="$WORK/array" ANALYZE=0 \
  CHECKPOINT_SECONDS=30 bash "$here/landscape.sbatch")
merge=$(echo "$jobs" | sed -n 's/.*merge=\([0-9]*\).*/\1/p')
arrayjob=$(echo "$jobs" | sed -n 's/.*array=\([0-9]*\).*/\1/p')
while squeue -h -j "$merge" 2>/dev/null | grep -q .; do sleep 1; done
t1=$(now)
array=$(python3 -c "print(f'{$t1 - $t0:.1f}')")
state=$(sacct -n -X -j "$merge" -o State | head -n1 | tr -d ' ')
[ "$state" = COMPLETED ] || { echo "measure-speedup: the merge job ended $state (see $WORK/array/*.log)" >&2; exit 1; }
if cmp -s single.npz array/landscape.npz; then same=byte-identical; else same=DIFFERENT; fi
# The array alone: first task start to last task end (sacct), without the directions job and the merge.
span=$(sacct -n -X -j "$arrayjob" -o Start,End -P | python3 -c '
import sys, datetime
rows = [l.strip().split("|") for l in sys.stdin if l.strip()]
p = lambda s: datetime.datetime.fromisoformat(s)
print(f"{(max(p(e) for _, e in rows) - min(p(s) for s, _ in rows)).total_seconds():.1f}")')

python3 - "$points" "$estimate" "$single" "$array" "$SHARDS" "$same" "$(load)" "$span" <<'PY'
import sys
points, est, single, array, shards, same, load, span = int(sys.argv[1]), float(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4]), sys.argv[5], sys.argv[6], sys.argv[7], float(sys.argv[8])
print(f"| run | wall time (s) | points/s |")
print(f"|---|---|---|")
print(f"| --dry-run estimate, one process | {est:.1f} | {points/est:.0f} |")
print(f"| one process, 1 thread | {single:.1f} | {points/single:.0f} |")
print(f"| {shards}-task array alone (first task start to last task end, sacct) | {span:.1f} | {points/span:.0f} |")
print(f"| whole workflow: directions job + {shards}-task array + merge (submit to merge done) | {array:.1f} | {points/array:.0f} |")
print(f"speed-up of the array over one process {single/span:.2f}x (whole workflow {single/array:.2f}x); results {same}; {points} points; load average at end: {load}")
PY
