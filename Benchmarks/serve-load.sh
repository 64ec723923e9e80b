#!/usr/bin/env bash
# Load run for `proctoring-assets serve` (a benchmark, not a test): wrk against the worker bundle URL and
# the JS 2.0 exam + attempt lookup (E1) on 127.0.0.1, 64 connections for 30 s each. Prints requests/s,
# p99 latency, socket errors and non-2xx responses, and exits 1 unless both runs had 0 errors and 0 non-2xx.
# Usage: Benchmarks/serve-load.sh [path/to/proctoring-assets]   (default: release build, else debug build)
# Needs Debian's wrk and curl (scripts/install-test-tools installs them).
set -euo pipefail
cd "$(dirname "$0")/.."
BINARY=${1:-}
if [ -z "$BINARY" ]; then
  if [ -x .build/release/proctoring-assets ]; then BINARY=.build/release/proctoring-assets; else BINARY=.build/debug/proctoring-assets; fi
fi
CONNECTIONS=${CONNECTIONS:-64}
DURATION=${DURATION:-30s}
WORK=$(mktemp -d)
SERVER_PID=""
cleanup() {
  if [ -n "$SERVER_PID" ]; then kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
ORIGIN="http://127.0.0.1:$PORT"
"$BINARY" build --example --example-dir "$WORK/example" --quiet >/dev/null
"$BINARY" serve --example --example-dir "$WORK/example" --seed-example --db "$WORK/serve.sqlite" --port "$PORT" \
  --quiet >"$WORK/serve.out" 2>"$WORK/serve.log" &
SERVER_PID=$!
for _ in $(seq 1 300); do grep -q "preview LMS ready" "$WORK/serve.log" && break; sleep 0.1; done
grep -q "preview LMS ready" "$WORK/serve.log" || { cat "$WORK/serve.log" >&2; exit 2; }

# A learner with an attempt, so that the lookup answers with the full attempt data (worker URL included).
JAR="$WORK/cookies"
curl -s -o /dev/null -c "$JAR" -b "$JAR" "$ORIGIN/login?user=learner"
TOKEN=$(curl -s -c "$JAR" -b "$JAR" "$ORIGIN/csrf/api/v1/token" | python3 -c 'import json,sys; print(json.load(sys.stdin)["csrfToken"])')
EXAM_URL="$ORIGIN/api/edx_proctoring/v1/proctored_exam/attempt/course_id/course-v1:Example+Proctoring+2026?content_id=block-v1%3AExample%2BProctoring%2B2026%2Btype%40sequential%2Bblock%40exam&is_learning_mfe=true"
EXAM_ID=$(curl -s -b "$JAR" "$EXAM_URL" | python3 -c 'import json,sys; print(json.load(sys.stdin)["exam"]["id"])')
curl -s -o /dev/null -b "$JAR" -c "$JAR" -H "Content-Type: application/json" -H "X-CSRFToken: $TOKEN" \
  --data "{\"exam_id\": $EXAM_ID, \"start_clock\": \"false\", \"attempt_proctored\": \"true\"}" \
  "$ORIGIN/api/edx_proctoring/v1/proctored_exam/attempt"
SESSION=$(awk '$6 == "sessionid" { print $7 }' "$JAR")
curl -s -b "$JAR" "$EXAM_URL" | grep -q '"desktop_application_js_url":"http' || { echo "lookup has no worker URL" >&2; exit 2; }

status=0
run() {
  local label=$1; shift
  local out="$WORK/wrk-$label.txt"
  wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency "$@" >"$out"
  local rps p99 errors non2xx
  rps=$(awk '/^Requests\/sec:/ { print $2 }' "$out")
  p99=$(awk '$1 == "99%" { print $2 }' "$out")
  errors=$(awk '/Socket errors:/ { gsub(",", ""); print $4 + $6 + $8 + $10 }' "$out")
  non2xx=$(awk '/Non-2xx or 3xx responses:/ { print $5 }' "$out")
  errors=${errors:-0}; non2xx=${non2xx:-0}
  printf '%-14s %10s req/s   p99 %8s   socket errors %s   non-2xx %s\n' "$label" "$rps" "$p99" "$errors" "$non2xx"
  if [ "$errors" != 0 ] || [ "$non2xx" != 0 ]; then status=1; cat "$out" >&2; fi
}
echo "proctoring-assets serve ($BINARY), wrk -t2 -c$CONNECTIONS -d$DURATION on 127.0.0.1"
run bundle "$ORIGIN/static/bundles/example-proctor-worker.js"
run attempt-lookup -H "Cookie: sessionid=$SESSION" "$EXAM_URL"
exit $status
