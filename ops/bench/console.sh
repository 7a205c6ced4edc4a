#!/usr/bin/env bash
# The console's pages at N tickets (issue 18): server time of the queue page (/console, default
# and filtered), its live list (/console/file) and the ticket page (/console/tickets/{reference}),
# signed in as an administrator with the browser session cookie the pages use.
#   - loads N synthetic tickets (default 1,000,000) with src/main/resources/fr/vigie/demo/synthetic-tickets.sql, the loader
#     of ops/bench/run.sh, and waits for the audit sealer to chain the load's entries (a desk at
#     rest), as run.sh does;
#   - per page: 50 requests to warm up, then R (default 500) one after the other; server time is
#     curl's time to the first byte minus the time the request was sent (loopback, no network),
#     i.e. Vigie's work including its audit entry; p50 / p95 / p99 / max in ms.
# Usage: ops/bench/console.sh [N tickets, default 1000000] [requests per page, default 500]
#   VIGIE_BENCH_DATA=/some/dir keeps the database there and, on a later run with the same N,
#   skips the load. VIGIE_BENCH_SKIP_BUILD=1 uses target/vigie.jar as it is.
# Needs a JDK 17+, curl, python3 and psql (apt-get install postgresql-client when missing).
set -euo pipefail
cd "$(dirname "$0")/../.."
N=${1:-1000000}
R=${2:-500}
WORK=$(mktemp -d /tmp/vigie-console-bench.XXXXXX)
chmod 755 "$WORK" # PostgreSQL runs as nobody when this runs as root
PORT=18082
URL=http://127.0.0.1:$PORT
RESULTS=$WORK/results.txt
source ops/bench/lib.sh # log, out, start_vigie, psql_vigie

if ! command -v psql >/dev/null || ! command -v python3 >/dev/null; then
  log "installing postgresql-client, python3"
  apt-get update -qq && apt-get install -y -qq postgresql-client python3 >/dev/null
fi
if [ -z "${VIGIE_BENCH_SKIP_BUILD:-}" ]; then
  log "building"
  ./mvnw -q -B -ntp -DskipTests package
fi
# A copy: a build meanwhile (another test run) rewrites target/vigie.jar under the running JVM.
cp target/vigie.jar "$WORK/vigie.jar"
DATA=${VIGIE_BENCH_DATA:-$WORK/data}
mkdir -p "$DATA"
chmod 755 "$DATA"
VIGIE_JAR="$WORK/vigie.jar" start_vigie "$DATA"
trap 'kill "$VIGIE_PID" 2>/dev/null || true' EXIT

out "# Vigie console pages $(date -u +%Y-%m-%dT%H:%MZ) on $(nproc) cores, $(free -g | awk '/Mem/ {print $2}') GiB, $(java -version 2>&1 | head -1), load average $(cut -d' ' -f1-3 /proc/loadavg)"
if [ "$(cat "$DATA/loaded-console" 2>/dev/null)" = "$N" ]; then
  out "reusing the $N tickets loaded in $DATA earlier"
else
  log "loading $N synthetic tickets"
  t0=$(date +%s)
  psql_vigie -v n="$N" -f src/main/resources/fr/vigie/demo/synthetic-tickets.sql >/dev/null
  echo "$N" >"$DATA/loaded-console"
  out "loaded $N tickets in $(( $(date +%s) - t0 )) s"
fi
log "waiting for the audit sealer"
until [ "$(psql_vigie -c "SELECT count(*) FROM audit_event WHERE seq IS NULL")" = 0 ]; do sleep 2; done
out "$(psql_vigie -c "SELECT count(*) || ' tickets, ' || count(*) FILTER (WHERE status IN ('NEW','QUALIFIED','REFERRED','IN_PROGRESS','WAITING_ON_VICTIM','RESOLVED')) || ' open' FROM ticket")"

TOKEN=$(curl -sf -X POST "$URL/login" -H 'Content-Type: application/json' \
  -d '{"username":"admin","password":"bench-password-2026"}' | python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])')
REF=$(psql_vigie -c "SELECT reference FROM ticket WHERE status = 'IN_PROGRESS' ORDER BY id DESC LIMIT 1")

measure() {
  local path=$1
  for _ in $(seq 50); do
    curl -s -o /dev/null -b "vigie_session=$TOKEN" "$URL$path"
  done
  local status
  status=$(curl -s -o /dev/null -w '%{http_code}' -b "vigie_session=$TOKEN" "$URL$path")
  for _ in $(seq "$R"); do
    curl -s -o /dev/null -b "vigie_session=$TOKEN" -w '%{time_pretransfer} %{time_starttransfer}\n' "$URL$path"
  done | python3 -c "
import sys
t = sorted((float(b) - float(a)) * 1000 for a, b in (l.split() for l in sys.stdin))
q = lambda p: t[min(len(t) - 1, int(p * len(t)))]
print('GET $path (HTTP $status): n=%d p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms' % (len(t), q(.5), q(.95), q(.99), t[-1]))
" | tee -a "$RESULTS"
}
measure "/console"
measure "/console?gravite=P2&departement=29"
measure "/console?statut=NEW&tri=creation"
measure "/console/file"
measure "/console/tickets/$REF"
log "results in $RESULTS"
cat "$RESULTS"
