#!/usr/bin/env bash
# The API against its contract: schemathesis generates requests from /api/openapi.json and sends them to
# `heeded serve --demo` (a free loopback port, a temporary data directory), once as the demo manager and once as
# the demo parent, with every check but positive_data_acceptance: a request the schema allows may still be
# refused by the form it answers (a needs request with no answers is 422), which a JSON schema cannot say.
# Usage: Tests/API/contract.sh HEEDED_BINARY SCHEMATHESIS [EXAMPLES_PER_OPERATION]
set -euo pipefail
cd "$(dirname "$0")/../.."
binary=$1 schemathesis=$2 examples=${3:-100}
password=heeded-demo-password
data=$(mktemp -d -t heeded-contract-XXXXXX)
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
base=http://127.0.0.1:$port
"$binary" serve --demo --demo-password "$password" --data "$data" --port "$port" --forms Forms \
    --needs-requests-per-hour 0 >"$data/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null; rm -rf "$data"' EXIT
for _ in $(seq 300); do
    [ "$(curl -s "$base/health")" = ok ] && break
    kill -0 $server 2>/dev/null || { cat "$data/server.log"; exit 1; }
    sleep 0.2
done

# Both tokens before any generated request: schemathesis's bad sign-ins trip the address's sign-in throttle.
token() {
    curl -sf -H 'Content-Type: application/json' -d "{\"email\": \"$1@demo.heeded.invalid\", \"password\": \"$password\"}" \
        "$base/api/tokens" | python3 -c 'import json, sys; print(json.load(sys.stdin)["token"])'
}
manager=$(token manager)
parent=$(token parent)

"$schemathesis" run "$base/api/openapi.json" --checks all --exclude-checks positive_data_acceptance \
    --max-examples "$examples" --seed 1 -H "Authorization: Bearer $manager"
"$schemathesis" run "$base/api/openapi.json" --checks all --exclude-checks positive_data_acceptance \
    --max-examples "$examples" --seed 1 -H "Authorization: Bearer $parent"
grep -q 'Fatal error' "$data/server.log" && { echo "the server logged a fatal error"; exit 1; }
echo "contract: no failures"
