#!/usr/bin/env bash
# Builds the fuzz targets with libFuzzer and AddressSanitizer, then runs each (or the TARGETs named after SECONDS)
# for SECONDS (default 60) from a scratch copy of its seeds and regression inputs, so fuzzing never grows the
# committed corpus. Prints each target's executions; exits non-zero if any target crashes, leaks, times out or
# runs out of memory. Usage: Fuzz/run.sh [SECONDS [TARGET...]]
# FUZZ_SEED and FUZZ_RUNS fix libFuzzer's seed and stop each target after that many inputs (SECONDS still caps
# it), so a run is the same on every machine: CI uses them, so that it checks inputs already tried here rather
# than whatever a faster machine reaches.
# FUZZ_CONFIGURATION=debug builds faster and runs slower (see README.md here).
set -euo pipefail
cd "$(dirname "$0")/.."

seconds="${1:-60}"
configuration="${FUZZ_CONFIGURATION:-release}"
targets=(FuzzFormXML FuzzDMN FuzzFEEL FuzzRequestFacts FuzzAnswers)
if [ $# -gt 1 ]; then targets=("${@:2}"); fi
build=(swift build -c "$configuration" --package-path Fuzz --build-path Fuzz/.build -Xswiftc -sanitize=fuzzer,address)

"${build[@]}"
bin="$("${build[@]}" --show-bin-path)"
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
# Crashing inputs are kept here (outside the scratch folder) to be looked at and added to Fuzz/Regressions.
artifacts="Fuzz/.build/artifacts"
mkdir -p "$artifacts"

failed=()
total=0
for target in "${targets[@]}"; do
    corpus="$scratch/$target"
    mkdir -p "$corpus"
    cp Fuzz/Seeds/"$target"/* "$corpus"/
    if [ -d Fuzz/Regressions/"$target" ]; then cp Fuzz/Regressions/"$target"/* "$corpus"/; fi
    log="$artifacts/$target.log"
    status=0
    # Leaks are checked after each input that allocates more than it frees (libFuzzer's -detect_leaks), not when
    # the process ends: the routing tables and forms set up once are live to the end, but LeakSanitizer misses
    # the references Swift packs into enum payloads (tag bits in a pointer's spare bits) and calls them leaked.
    ASAN_OPTIONS="leak_check_at_exit=0${ASAN_OPTIONS:+:$ASAN_OPTIONS}" "$bin/$target" -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 -print_final_stats=1 \
        ${FUZZ_SEED:+-seed="$FUZZ_SEED"} ${FUZZ_RUNS:+-runs="$FUZZ_RUNS"} \
        -artifact_prefix="$artifacts/$target-" "$corpus" >"$log" 2>&1 || status=$?
    executions="$(awk '/stat::number_of_executed_units/ { print $2; exit }' "$log")"
    total=$((total + ${executions:-0}))
    if [ "$status" -ne 0 ]; then
        failed+=("$target")
        printf '%-18s FAILED after %s executions (exit %s); log: %s\n' "$target" "${executions:-?}" "$status" "$log"
        grep -E '^==[0-9]+==|SUMMARY|Test unit written|ALARM|deadly signal|Fatal error' "$log" | head -20 || true
    else
        printf '%-18s %12s executions, no crash\n' "$target" "$executions"
    fi
done
printf '%-18s %12s executions\n' total "$total"
if [ ${#failed[@]} -gt 0 ]; then
    echo "failed: ${failed[*]}" >&2
    exit 1
fi
