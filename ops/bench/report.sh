#!/usr/bin/env bash
# The yearly report benchmark (issue 19), Vigie and its embedded PostgreSQL on this machine:
#   - loads N synthetic tickets (default 1,000,000) over last calendar year with
#     the synthetic loader, as ops/bench/stats.sh does (same VIGIE_BENCH_DATA marker, so a
#     database loaded by either script serves both);
#   - the first statistics question of this instance (it reads every fact once), then, once the
#     sweeper has caught up with the loaded clocks, GET /api/v1/stats/report/<year>.pdf as an
#     official: the first report, then R more one after the other (p50, max), and its size.
# Usage: ops/bench/report.sh [N tickets, default 1000000] [R reports, default 10]
#   VIGIE_BENCH_DATA=/some/dir keeps the database there and, on a later run with the same N,
#   skips the load (a million tickets take about seven minutes to load).
#   VIGIE_BENCH_JAVA_OPTS="-Xmx…" passes JVM options to Vigie.
#   VIGIE_BENCH_PDF=/some/file.pdf keeps a copy of the last report.
# Needs a JDK 17+ and psql (apt-get install postgresql-client when missing). Heavy: run it alone
# (on a shared machine, under the build lock).
# Prints a results block at the end (copied into ops/bench/RESULTS.md by hand).
set -euo pipefail
cd "$(dirname "$0")/../.."
N=${1:-1000000}
REPEAT=${2:-10}
WORK=$(mktemp -d /tmp/vigie-report-bench.XXXXXX)
chmod 755 "$WORK" # PostgreSQL runs as nobody when this runs as root
PORT=18082
URL=http://127.0.0.1:$PORT
YEAR=$(( $(date -u +%Y) - 1 ))
RESULTS=$WORK/results.txt
source ops/bench/lib.sh # log, out, start_vigie, psql_vigie

if ! command -v psql >/dev/null; then
  log "installing postgresql-client"
  apt-get update -qq && apt-get install -y -qq postgresql-client >/dev/null
fi

log "building"
./mvnw -q -B -ntp -DskipTests package
DATA=${VIGIE_BENCH_DATA:-$WORK/data}
mkdir -p "$DATA"
chmod 755 "$DATA"
start_vigie "$DATA"
trap 'kill "$VIGIE_PID" 2>/dev/null || true' EXIT

out "# Vigie yearly report benchmark $(date -u +%Y-%m-%dT%H:%MZ) on $(nproc) cores, $(free -g | awk '/Mem/ {print $2}') GiB, $(java -version 2>&1 | head -1), load average $(cut -d' ' -f1-3 /proc/loadavg)"

if [ "$(cat "$DATA/loaded" 2>/dev/null)" = "$N $YEAR" ]; then
  out "reusing the $N tickets over $YEAR loaded in $DATA earlier"
else
  log "loading $N synthetic tickets over $YEAR"
  t0=$(date +%s)
  psql_vigie -v n="$N" -v end="'$((YEAR + 1))-01-01T00:00:00+01'" -f src/main/resources/fr/vigie/demo/synthetic-tickets.sql >/dev/null
  echo "$N $YEAR" >"$DATA/loaded"
  out "loaded $N tickets over $YEAR (facts made by the triggers) in $(( $(date +%s) - t0 )) s"
fi
out "$(psql_vigie -c "SELECT count(*) || ' facts, ' || count(DISTINCT victim_key) || ' distinct victims' FROM stat_fact")"

json_field() { python3 -c "import json,sys; print(json.load(sys.stdin)[\"$1\"])"; }
ADMIN=$(curl -sf -X POST "$URL/login" -H 'Content-Type: application/json' \
  -d '{"username":"admin","password":"bench-password-2026"}' | json_field access_token)
curl -sf -o /dev/null -X POST "$URL/api/v1/users" -H "Authorization: Bearer $ADMIN" \
  -H 'Content-Type: application/json' \
  -d '{"username":"elu.bench","password":"bench-password-2026","roles":["OFFICIAL"]}' || true # kept data: exists
TOKEN=$(curl -sf -X POST "$URL/login" -H 'Content-Type: application/json' \
  -d '{"username":"elu.bench","password":"bench-password-2026"}' | json_field access_token)

first=$(curl -s -o /dev/null -w '%{time_total}' -H "Authorization: Bearer $TOKEN" \
  "$URL/api/v1/stats/summary?year=$YEAR")
out "first statistics question of this instance (reads every fact from PostgreSQL): ${first}s"

# The loader leaves clocks due long ago: the sweeper's first passes record warnings and breaches
# (and change as many facts). Measure the desk at rest, as stats.sh does.
t0=$(date +%s)
until [ "$(psql_vigie -c "SELECT count(*) FROM clock WHERE sweep_at <= now() - interval '1 minute'")" -lt 100 ]; do
  sleep 2
done
out "sweeper caught up with the loaded clocks after $(( $(date +%s) - t0 )) s"
# One question so the facts the sweeper changed are read before the clock starts.
curl -sf -o /dev/null -H "Authorization: Bearer $TOKEN" "$URL/api/v1/stats/cube?period=YEAR&from=$YEAR&to=$YEAR"

PDF=$WORK/report.pdf
path="/api/v1/stats/report/$YEAR.pdf"
first=$(curl -sf -o "$PDF" -w '%{time_total}' -H "Authorization: Bearer $TOKEN" "$URL$path")
pages=$( (command -v pdfinfo >/dev/null && pdfinfo "$PDF" | awk '/^Pages:/ {print $2}') || echo "?")
out "GET $path: first report ${first}s, $(stat -c %s "$PDF") bytes, $pages pages"
times=()
for _ in $(seq "$REPEAT"); do
  times+=("$(curl -sf -o /dev/null -w '%{time_total}' -H "Authorization: Bearer $TOKEN" "$URL$path")")
done
out "GET $path, $REPEAT more one after the other: $(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {printf "p50 %.3f s, max %.3f s (all: ", a[int((NR+1)/2)], a[NR]}')${times[*]})"
out "Vigie RSS at the end: $(awk '/VmRSS/ {printf "%d MB", $2/1024}' /proc/"$VIGIE_PID"/status)"
if [ -n "${VIGIE_BENCH_PDF:-}" ]; then
  cp "$PDF" "$VIGIE_BENCH_PDF"
fi

kill "$VIGIE_PID"; wait "$VIGIE_PID" 2>/dev/null || true
echo
echo "Results (also in $RESULTS):"
cat "$RESULTS"
