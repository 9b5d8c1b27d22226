#!/usr/bin/env bash
# Idempotent machine setup beyond `dotnet restore`: Debian packages listed in apt-packages.txt, then the repo's
# .NET tools, then the Jupyter kernel "Landscaper (C#)" (environment/jupyter/setup-kernel.sh; skip with --no-jupyter).
# Safe to run again; installs only what is missing. Needs root (or sudo) for apt.
set -euo pipefail
jupyter=1
for arg in "$@"; do
  case "$arg" in
    --no-jupyter) jupyter=0 ;;
    *) echo "setup: unknown option $arg (known: --no-jupyter)" >&2; exit 2 ;;
  esac
done
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/.." && pwd)"

mapfile -t wanted < <(grep -v '^\s*#' "$here/apt-packages.txt" | awk 'NF {print $1}')
missing=()
for p in "${wanted[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "setup: installing apt packages: ${missing[*]}"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
else
  echo "setup: apt packages present"
fi

if [ -f "$repo/.config/dotnet-tools.json" ]; then
  (cd "$repo" && dotnet tool restore)
fi

if ((jupyter)); then
  bash "$here/jupyter/setup-kernel.sh"
fi
