#!/usr/bin/env bash
# Web benchmark: a release `heeded serve` over 100,000 invented children, measured with wrk on loopback.
#
#   Benchmarks/web/run.sh [--children N] [--duration SECONDS] [--connections N] [--from DIR] [--log-level L]
#
# --from DIR copies a data directory made earlier by `heeded demo generate` instead of generating one (which takes
# about five minutes for 100,000 children on two cores). --log-level is the server's (info, its default, writes a
# JSON line for every request; warning writes none for requests that succeed).
#
# Three targets in the same run: GET /health (the framework's ceiling on this machine), POST /api/needs-requests
# (the whole submission path: check, bind, route, store with audit, reply) and the manager's unmet-need page
# (GET /manage/unmet, HTML with the 12-month chart). Prints requests/s, p50/p95/p99 and the server's peak RSS.
# Goals: submission >= 3,000/s with p99 <= 20 ms; unmet view p95 <= 100 ms; RSS <= 300 MB.
set -euo pipefail
cd "$(dirname "$0")/../.."
BENCH_DIR="$(pwd)/Benchmarks/web"
export BENCH_DIR

children=100000
duration=15
connections=32
from=""
log_level=info
while [ $# -gt 0 ]; do
    case "$1" in
        --children) children="$2"; shift 2 ;;
        --duration) duration="$2"; shift 2 ;;
        --connections) connections="$2"; shift 2 ;;
        --from) from="$2"; shift 2 ;;
        --log-level) log_level="$2"; shift 2 ;;
        *) echo "unknown option $1" >&2; exit 2 ;;
    esac
done

command -v wrk >/dev/null || { echo "wrk is needed: apt-get install wrk" >&2; exit 1; }
command -v curl >/dev/null || { echo "curl is needed: apt-get install curl" >&2; exit 1; }

echo "== building release"
swift build -c release --product heeded >/dev/null
heeded="$(swift build -c release --show-bin-path)/heeded"

data="$(mktemp -d -t heeded-web-bench-XXXXXX)"
server=""
cleanup() {
    if [ -n "$server" ] && kill -0 "$server" 2>/dev/null; then kill "$server"; wait "$server" 2>/dev/null || true; fi
    rm -rf "$data"
}
trap cleanup EXIT

if [ -n "$from" ]; then
    echo "== copying the data generated earlier in $from"
    cp "$from"/heeded.sqlite* "$data"/
    if [ -f "$from/audit.key" ]; then cp "$from/audit.key" "$data"/; fi
else
    echo "== generating $children invented children in $data"
    "$heeded" demo generate --children "$children" --data-dir "$data" >/dev/null
fi
password="benchmark password $RANDOM$RANDOM"
echo "$password" | "$heeded" users add --data-dir "$data" --role parent --email bench-parent@example.org --password-stdin >/dev/null
echo "$password" | "$heeded" users add --data-dir "$data" --role manager --email bench-manager@example.org --password-stdin >/dev/null

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
base="http://127.0.0.1:$port"
"$heeded" serve --data "$data" --port "$port" --forms Forms --needs-requests-per-hour 0 --log-level "$log_level" >"$data/server.log" 2>&1 &
server=$!
for _ in $(seq 1 300); do
    curl -fs "$base/health" >/dev/null 2>&1 && break
    sleep 0.2
done
curl -fs "$base/health" >/dev/null || { echo "the server did not start:"; cat "$data/server.log"; exit 1; }

token() {
    curl -fs -X POST "$base/api/tokens" -H 'Content-Type: application/json' \
        -d "{\"email\":\"$1\",\"password\":\"$password\"}" | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])'
}
parent_token=$(token bench-parent@example.org)

# The manager signs in through the pages, as a browser would, for a session cookie.
jar="$data/cookies.txt"
csrf=$(curl -fs -c "$jar" "$base/sign-in" | sed -n 's/.*name="_csrf" value="\([^"]*\)".*/\1/p' | head -1)
curl -fs -b "$jar" -c "$jar" -o /dev/null -X POST "$base/sign-in" \
    --data-urlencode "_csrf=$csrf" --data-urlencode "email=bench-manager@example.org" --data-urlencode "password=$password" --data-urlencode "next="
session=$(awk '$6 == "heeded_session" { print "heeded_session=" $7 }' "$jar")
[ -n "$session" ] || { echo "the manager could not sign in"; exit 1; }

echo "== warming up (the first unmet view computes the report over every child; later ones reuse it until records change)"
start=$(date +%s.%N)
curl -fs -H "Cookie: $session" "$base/manage/unmet" -o /dev/null
echo "   first unmet view: $(python3 -c "print(f'{($(date +%s.%N) - $start) * 1000:.0f} ms')")"
for path in /health /manage/unmet; do curl -fs -H "Cookie: $session" "$base$path" -o /dev/null; done

run() {
    local name="$1"; shift
    local line
    line=$(wrk -t2 -c"$connections" -d"${duration}s" --timeout 10s "$@" | tail -1)
    python3 - "$name" "$line" <<'PY'
import json, sys
name, line = sys.argv[1], sys.argv[2]
r = json.loads(line)
print(f"{name:<34} {r['rps']:>9.0f} req/s   p50 {r['p50_ms']:>7.2f} ms   p95 {r['p95_ms']:>7.2f} ms   p99 {r['p99_ms']:>7.2f} ms   "
      f"errors {r['non_2xx_3xx'] + r['socket_errors']}")
PY
}

echo "== wrk -t2 -c$connections -d${duration}s on loopback (wrk shares the machine's cores with the server)"
run "GET /health (framework ceiling)" -s "$BENCH_DIR/get.lua" "$base/health"
COOKIE="$session" run "GET /manage/unmet (manager's view)" -s "$BENCH_DIR/get.lua" "$base/manage/unmet"
TOKEN="$parent_token" run "POST /api/needs-requests" -s "$BENCH_DIR/submit.lua" "$base/api/needs-requests"

# The submissions changed the records: the next view is served from the last report at once while a fresh one is
# worked out in the background; time that view, and how long the fresh one takes.
start=$(date +%s.%N)
curl -fs -H "Cookie: $session" "$base/manage/unmet" -o /dev/null
echo "   unmet view just after the submissions (last report, refreshed in the background): $(python3 -c "print(f'{($(date +%s.%N) - $start) * 1000:.0f} ms')")"

peak=$(awk '/VmHWM/ { print $2 }' "/proc/$server/status")
echo "server peak RSS: $((peak / 1024)) MB"
echo "cases now in the store: $(python3 -c "import sqlite3; print(sqlite3.connect('$data/heeded.sqlite').execute('select count(*) from case_file').fetchone()[0])")"
