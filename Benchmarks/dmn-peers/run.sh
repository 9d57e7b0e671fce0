#!/usr/bin/env bash
# The routing rules in two Python DMN engines: check every worked case, then time them (decisions/s).
# Usage: Benchmarks/dmn-peers/run.sh [--check-only] [--seconds S] [--heeded-rate N | --heeded-rate-file F | --heeded-bin PATH]
# Creates its own virtualenv (.venv here, git-ignored) with the two peers at the versions the adapters know.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
venv="$here/.venv"

if [[ ! -x "$venv/bin/python" ]]; then
    python3 -m venv "$venv"
fi
# Pinned: the adapters in peers.py work round known gaps of exactly these versions.
if ! "$venv/bin/python" -c 'import SpiffWorkflow, pyDMNrules' 2>/dev/null; then
    "$venv/bin/pip" install --quiet --disable-pip-version-check "SpiffWorkflow==3.2.0" "pyDMNrules==1.4.5"
fi
exec "$venv/bin/python" "$here/peers.py" "$@"
