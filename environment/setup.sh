#!/usr/bin/env bash
# Idempotent machine setup beyond `dotnet restore`: Debian packages listed in apt-packages.txt, the repo's .NET tools,
# a Release build with the `landscaper` command on the PATH, the notebook libraries packed into a local NuGet feed that
# notebooks reference from any folder (`#r "nuget: Landscaper.Notebooks, 0.3.0-*"`), then the Jupyter kernel
# "Landscaper (C#)" (environment/jupyter/setup-kernel.sh; skip with --no-jupyter). Safe to run again (run it again after
# changing src/ so that Jupyter sees the new build). Needs root (or sudo) for apt.
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

# The CLI on the PATH: a launcher for the Release build (about 0.3 s per call instead of `dotnet run`'s ~15 s).
echo "setup: building the solution (Release)"
dotnet build "$repo/Landscaper.Workbench.sln" -c Release -nologo -v q -clp:ErrorsOnly
if [ -w /usr/local/bin ]; then bin=/usr/local/bin; else bin="$HOME/.local/bin"; mkdir -p "$bin"; fi
printf '#!/bin/sh\n# Landscaper Workbench CLI (written by environment/setup.sh)\nexec "%s" "$@"\n' "$repo/src/Landscaper.Cli/bin/Release/net10.0/landscaper" > "$bin/landscaper.tmp"
chmod +x "$bin/landscaper.tmp" && mv "$bin/landscaper.tmp" "$bin/landscaper"
case ":$PATH:" in *":$bin:"*) ;; *) echo "setup: add $bin to your PATH to call landscaper";; esac
echo "setup: landscaper $("$bin/landscaper" --version) → $bin/landscaper"

# The notebook libraries as NuGet packages in a local feed, registered in the user's NuGet configuration. A fresh
# prerelease version per setup (VERSION-local.TIMESTAMP) makes `0.3.0-*` pick the newest build; older extracted copies
# are removed from the NuGet cache.
feed="$repo/.landscaper-cache/feed"
mkdir -p "$feed"
rm -f "$feed"/Landscaper.*.nupkg
version="$(sed -n 's:.*<Version>\(.*\)</Version>.*:\1:p' "$repo/Directory.Build.props" | head -n1)"
package_version="$version-local.$(date -u +%Y%m%d%H%M%S)"
for p in Core Chemistry Torch Charts Language Experiments Notebooks; do
  dotnet pack "$repo/src/Landscaper.$p" -c Release --no-build -nologo -v q -o "$feed" -p:PackageVersion="$package_version"
done
nuget_root="$(dotnet nuget locals global-packages --list | sed -E 's/^global-packages: *//')"
rm -rf "${nuget_root%/}"/landscaper.core "${nuget_root%/}"/landscaper.chemistry "${nuget_root%/}"/landscaper.torch "${nuget_root%/}"/landscaper.charts \
  "${nuget_root%/}"/landscaper.language "${nuget_root%/}"/landscaper.experiments "${nuget_root%/}"/landscaper.notebooks
if ! dotnet nuget list source | grep -qF "$feed"; then
  dotnet nuget remove source landscaper-local >/dev/null 2>&1 || true
  dotnet nuget add source "$feed" --name landscaper-local >/dev/null
fi
echo "setup: notebook packages $package_version → $feed (NuGet source 'landscaper-local')"

if ((jupyter)); then
  bash "$here/jupyter/setup-kernel.sh"
fi
