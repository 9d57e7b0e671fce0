#!/usr/bin/env bash
# `heeded report unmet` over 100,000 invented children and about 5,000,000 deliveries: wall time and peak memory.
# Goal: at most 1 s and 300 MB. Usage: Benchmarks/unmet/run.sh   (builds heeded in release first)
#
# Settings (environment): CHILDREN (100000), SEED (42), AS_OF (2026-11-20, so runs compare), DATA (a directory to
# keep the generated store between runs; default a fresh temporary one), HEEDED (a heeded binary to use instead
# of building one), RUNS (5).
set -euo pipefail
cd "$(dirname "$0")/../.."

children=${CHILDREN:-100000}
seed=${SEED:-42}
as_of=${AS_OF:-2026-11-20}
runs=${RUNS:-5}

if [ -z "${HEEDED:-}" ]; then
    swift build -c release --product heeded >&2
    HEEDED="$(swift build -c release --show-bin-path)/heeded"
fi
if [ -z "${DATA:-}" ]; then
    DATA="$(mktemp -d)/data"
    trap 'rm -rf "$(dirname "$DATA")"' EXIT
fi

if [ ! -f "$DATA/heeded.sqlite" ]; then
    echo "generating $children children into $DATA ..." >&2
    /usr/bin/time -f "generate: %e s wall, %M KB peak" "$HEEDED" demo generate --children "$children" --seed "$seed" --as-of "$as_of" --data-dir "$DATA"
fi
du -sh "$DATA" >&2

report=("$HEEDED" report unmet --data-dir "$DATA" --as-of "$as_of")
"${report[@]}" --format csv 2>&1 >/dev/null | tail -1

# Peak resident memory and wall time of each run, through GNU time.
best_seconds=""
worst_kb=0
for i in $(seq 1 "$runs"); do
    line=$(/usr/bin/time -f "%e %M" "${report[@]}" 2>&1 >/dev/null | tail -1)
    seconds=${line% *}
    kb=${line#* }
    echo "run $i: ${seconds} s, $((kb / 1024)) MB peak RSS" >&2
    if [ -z "$best_seconds" ] || awk "BEGIN{exit !($seconds < $best_seconds)}"; then best_seconds=$seconds; fi
    if [ "$kb" -gt "$worst_kb" ]; then worst_kb=$kb; fi
done
echo "heeded report unmet, $children children: best ${best_seconds} s wall, highest peak RSS $((worst_kb / 1024)) MB (goal ≤ 1 s, ≤ 300 MB)"

if command -v hyperfine >/dev/null; then
    hyperfine --warmup 1 --runs "$runs" -n "report unmet (table)" "${report[*]} > /dev/null 2>&1" \
        -n "report unmet --format csv" "${report[*]} --format csv > /dev/null 2>&1"
fi
