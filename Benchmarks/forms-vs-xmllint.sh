#!/usr/bin/env bash
# Whole-process comparison: `heeded forms check Forms` against `xmllint --noout --schema` on the same files.
# Usage: Benchmarks/forms-vs-xmllint.sh   (from anywhere; builds heeded in release first)
set -euo pipefail
cd "$(dirname "$0")/.."

command -v xmllint >/dev/null || { echo "needs xmllint (apt-get install libxml2-utils)" >&2; exit 1; }
command -v hyperfine >/dev/null || { echo "needs hyperfine (apt-get install hyperfine)" >&2; exit 1; }

swift build -c release --product heeded >&2
heeded="$(swift build -c release --show-bin-path)/heeded"
files=(Forms/codelists/*.xml Forms/*.xml)

hyperfine --warmup 5 --runs 100 --export-markdown /tmp/heeded-forms-vs-xmllint.md \
    -n "heeded forms check Forms" "$heeded forms check Forms" \
    -n "xmllint --schema" "xmllint --noout --schema Schemas/form.xsd ${files[*]}"
cat /tmp/heeded-forms-vs-xmllint.md
