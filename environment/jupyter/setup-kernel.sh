#!/usr/bin/env bash
# Idempotent: makes a Jupyter kernel "Landscaper (C#)" (kernelspec name landscaper-csharp) that can run the notebooks.
#
# Why not the stock kernel: the dotnet-interactive tool ships FSharp.Core 10.0.0, and Plotly.NET / Deedle need
# FSharp.Core 10.1 ("Could not load file or assembly 'FSharp.Core, Version=10.1.0.0'"). This script copies the tool
# pinned in .config/dotnet-tools.json to a folder owned by the project, replaces its FSharp.Core.dll with the version
# pinned in Directory.Packages.props (and the matching entry of its .deps.json), and registers a kernelspec with
# absolute paths to that copy. Nothing outside the repository's .landscaper-cache/ and the user's Jupyter kernel folder
# is written. Safe to run again: it does nothing when the copy and the kernelspec are current.
#
# Environment: LANDSCAPER_KERNEL_DIR overrides the copy's folder (default <repo>/.landscaper-cache/jupyter-kernel).
# Needs: dotnet, python3, and for registration jupyter-client (Debian: jupyter-client; see environment/apt-packages.txt).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
kernel_name="landscaper-csharp"
display_name="Landscaper (C#)"

tool_version="$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["tools"]["microsoft.dotnet-interactive"]["version"])' "$repo/.config/dotnet-tools.json")"
fsharp_version="$(python3 -c 'import re,sys; print(re.search(r"Include=\"FSharp.Core\" Version=\"([^\"]+)\"", open(sys.argv[1]).read()).group(1))' "$repo/Directory.Packages.props")"
nuget_root="$(dotnet nuget locals global-packages --list | sed -E 's/^global-packages: *//')"
nuget_root="${nuget_root%/}"

tool_dir="$nuget_root/microsoft.dotnet-interactive/$tool_version/tools/net10.0/any"
if [ ! -f "$tool_dir/Microsoft.DotNet.Interactive.App.dll" ]; then
  (cd "$repo" && dotnet tool restore >/dev/null)
fi
[ -f "$tool_dir/Microsoft.DotNet.Interactive.App.dll" ] || { echo "setup-kernel: dotnet-interactive $tool_version not found under $tool_dir" >&2; exit 1; }

fsharp_dll="$nuget_root/fsharp.core/$fsharp_version/lib/netstandard2.1/FSharp.Core.dll"
if [ ! -f "$fsharp_dll" ]; then
  (cd "$repo" && dotnet restore src/Landscaper.Charts/Landscaper.Charts.csproj >/dev/null)
fi
[ -f "$fsharp_dll" ] || { echo "setup-kernel: FSharp.Core $fsharp_version not found at $fsharp_dll" >&2; exit 1; }

dest="${LANDSCAPER_KERNEL_DIR:-$repo/.landscaper-cache/jupyter-kernel}"
app="$dest/app"
stamp="dotnet-interactive $tool_version, FSharp.Core $fsharp_version"
if [ "$(cat "$app/.landscaper-stamp" 2>/dev/null || true)" != "$stamp" ]; then
  echo "setup-kernel: preparing $app ($stamp)"
  mkdir -p "$dest"
  rm -rf "$app.tmp"
  cp -R "$tool_dir" "$app.tmp"
  chmod -R u+w "$app.tmp"
  cp "$fsharp_dll" "$app.tmp/FSharp.Core.dll"
  rm -f "$app.tmp/FSharp.Core.xml"
  # Point the .deps.json entry at the new assembly version, so the host's view matches the file.
  python3 - "$app.tmp/Microsoft.DotNet.Interactive.App.deps.json" "$fsharp_dll" <<'PY'
import json, sys, subprocess
path, dll = sys.argv[1], sys.argv[2]
deps = json.load(open(path))
changed = 0
for target in deps.get("targets", {}).values():
    for lib in target.values():
        entry = (lib.get("runtime") or {}).get("lib/netstandard2.1/FSharp.Core.dll")
        if entry is not None:
            entry["assemblyVersion"] = "10.1.0.0"
            entry.pop("fileVersion", None)
            changed += 1
json.dump(deps, open(path, "w"), indent=2)
print(f"setup-kernel: FSharp.Core entries updated in deps.json: {changed}")
PY
  echo "$stamp" > "$app.tmp/.landscaper-stamp"
  rm -rf "$app"
  mv "$app.tmp" "$app"
fi

dotnet_exe="$(command -v dotnet)"
dotnet_exe="$(readlink -f "$dotnet_exe")"
spec="$dest/kernelspec/$kernel_name"
mkdir -p "$spec"
python3 - "$spec/kernel.json" "$dotnet_exe" "$app/Microsoft.DotNet.Interactive.App.dll" "$display_name" "$repo" <<'PY'
import json, sys
out, dotnet, app, display, repo = sys.argv[1:6]
spec = {
    "argv": [dotnet, app, "jupyter", "--default-kernel", "csharp", "{connection_file}", "--http-port-range", "2048-3000"],
    "display_name": display,
    "language": "C#",
    "env": {"DOTNET_INTERACTIVE_CLI_TELEMETRY_OPTOUT": "1", "DOTNET_CLI_TELEMETRY_OPTOUT": "1", "DOTNET_NOLOGO": "1",
            "DOTNET_INTERACTIVE_SKIP_FIRST_TIME_EXPERIENCE": "1", "Logging__LogLevel__Default": "Warning",
            "LANDSCAPER_REPOSITORY": repo},
    "metadata": {"landscaper": "environment/jupyter/setup-kernel.sh"},
}
json.dump(spec, open(out, "w"), indent=1)
PY

if command -v jupyter-kernelspec >/dev/null 2>&1; then
  jupyter-kernelspec install --user --replace --name "$kernel_name" "$spec" >/dev/null 2>&1
  echo "setup-kernel: kernelspec '$kernel_name' ($display_name) registered: $(jupyter-kernelspec list 2>/dev/null | awk -v k="$kernel_name" '$1==k {print $2}')"
else
  target="${JUPYTER_DATA_DIR:-${XDG_DATA_HOME:-$HOME/.local/share}/jupyter}/kernels/$kernel_name"
  mkdir -p "$target" && cp "$spec/kernel.json" "$target/kernel.json"
  echo "setup-kernel: jupyter-kernelspec not found; wrote $target/kernel.json"
fi
