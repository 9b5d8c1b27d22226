#!/usr/bin/env bash
# Regenerates the chemistry data in data/molecules/ (see README.md there).
#
#   data/molecules/make.sh [INPUT_DIR] [extra make_molecules.py options, e.g. --subset 2500]
#
# INPUT_DIR holds first_5k.tpsa.csv and bzr.sdf; default: ../shared/data relative to the repo root.
# Needs the Debian packages in environment/apt-packages-data.txt (python3-rdkit, xtb) and Debian's /usr/bin/python3
# (python3-rdkit is installed for it, not for other Pythons on PATH). Runs on one core at nice 10.
# Takes about 10 minutes on the 2-core development machine (README.md records the measured times).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
input="${1:-$repo/../shared/data}"
[ $# -gt 0 ] && shift
py=/usr/bin/python3
if ! "$py" -c 'import rdkit' 2>/dev/null || ! command -v xtb >/dev/null; then
  echo "make.sh: needs python3-rdkit (for $py) and xtb: apt-get install -y python3-rdkit xtb" >&2
  exit 1
fi
export OMP_NUM_THREADS=1 MKL_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 PYTHONHASHSEED=0
exec nice -n 10 "$py" "$here/make_molecules.py" --input-dir "$input" --out-dir "$here" "$@"
