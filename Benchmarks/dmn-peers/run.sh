#!/usr/bin/env bash
# The routing rules in Heeded and in two Python DMN engines: check every worked case, then print the three
# rates side by side (requests/s: one request is the concern table once per coded concern, then the six
# request tables of routing.dmn).
# Usage: Benchmarks/dmn-peers/run.sh [--check-only] [--seconds S] [--cases FILE...] [--rules DIR] [--verbose]
# Creates its own virtualenv (.venv here, git-ignored) with the two peers at the versions the adapters know,
# and builds Heeded's `routing-rate` tool (Benchmarks package, release) for Heeded's rate in the same run.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
venv="$here/.venv"

if [[ ! -x "$venv/bin/python" ]]; then
    python3 -m venv "$venv"
fi
# Pinned: the adapters in peers.py work round known gaps of exactly these versions.
if ! "$venv/bin/python" -c 'import SpiffWorkflow, pyDMNrules, lxml' 2>/dev/null; then
    "$venv/bin/pip" install --quiet --disable-pip-version-check "SpiffWorkflow==3.2.0" "pyDMNrules==1.4.5" lxml
fi

extra=()
# Heeded's rate: from routing-rate, unless it is given (--heeded-rate, --heeded-rate-file) or timed as a whole
# `heeded route` process (--heeded-bin). routing-rate times the first --cases file, and the same --rules.
if [[ " $* " != *" --check-only "* && " $* " != *" --heeded-rate"* && " $* " != *" --heeded-bin"* ]]; then
    seconds=3
    args=("$@")
    cases=()
    rules=()
    for ((i = 0; i < ${#args[@]}; i++)); do
        [[ "${args[i]}" == "--seconds" ]] && seconds="${args[i + 1]}"
        [[ "${args[i]}" == "--cases" ]] && cases=(--cases "$(realpath "${args[i + 1]}")")
        [[ "${args[i]}" == "--rules" ]] && rules=(--rules "$(realpath "${args[i + 1]}")")
    done
    rate_file="$(mktemp)"
    trap 'rm -f "$rate_file"' EXIT
    swift build -c release --package-path "$here/.." --product routing-rate >&2
    "$(swift build -c release --package-path "$here/.." --show-bin-path)/routing-rate" --seconds "$seconds" "${cases[@]}" "${rules[@]}" --rate-file "$rate_file"
    extra=(--heeded-rate-file "$rate_file")
fi
"$venv/bin/python" "$here/peers.py" "$@" "${extra[@]}"
