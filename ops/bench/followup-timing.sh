#!/usr/bin/env bash
# Timing of the victim's follow-up (issue 16, finding 4): a wrong token on an existing reference
# against an unknown reference, 1,000 tries each (TRIES=…), on a fresh Vigie with its embedded
# PostgreSQL and rate limits off. Builds target/vigie.jar first if it is missing.
set -euo pipefail
cd "$(dirname "$0")/../.."
PORT=${PORT:-18480}
TRIES=${TRIES:-1000}
[ -f target/vigie.jar ] || ./mvnw -B -ntp -q -DskipTests package
DATA=$(mktemp -d)
env VIGIE_DATA_DIR="$DATA" VIGIE_BOOTSTRAP_ADMIN_PASSWORD=bench-password-2026 \
  VIGIE_RATE_LIMIT_ENABLED=false MICRONAUT_SERVER_PORT=$PORT \
  java -jar target/vigie.jar >"$DATA/vigie.log" 2>&1 &
VIGIE_PID=$!
trap 'kill $VIGIE_PID; wait $VIGIE_PID 2>/dev/null || true; rm -rf "$DATA"' EXIT
until curl -sf "http://localhost:$PORT/health" >/dev/null; do
  kill -0 "$VIGIE_PID" 2>/dev/null || { tail -20 "$DATA/vigie.log"; exit 1; }
  sleep 0.5
done
java ops/bench/FollowUpTiming.java "http://localhost:$PORT" ops/bench/report.json "$TRIES"
