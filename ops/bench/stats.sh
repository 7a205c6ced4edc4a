#!/usr/bin/env bash
# The statistics benchmark (issue 7), Vigie and its embedded PostgreSQL on this machine:
#   - loads N synthetic tickets (default 1,000,000) over one full calendar year (last year, so
#     every month is published) with the synthetic loader (src/main/resources/fr/vigie/demo/
#     synthetic-tickets.sql); the V7 triggers make the facts;
#   - the first cube (this instance reads every fact once) and then, per cube shape, the latency
#     of GET /api/v1/stats/cube over HTTP as an official, one client at a time and four at once;
#   - the yearly summary, the public JSON and CSV;
#   - for comparison, the same question asked to PostgreSQL directly (distinct victims and
#     medians with GROUPING SETS over stat_fact), which is why the cube is computed in memory;
#   - what the triggers cost an intake: pgbench replaying one intake's exact SQL, triggers on/off.
# Usage: ops/bench/stats.sh [N tickets, default 1000000] [seconds per case, default 10]
#   VIGIE_BENCH_DATA=/some/dir keeps the database there and, on a later run with the same N,
#   skips the load (a million tickets take about seven minutes to load).
#   VIGIE_BENCH_JAVA_OPTS="-Xmx…" passes JVM options to Vigie (to measure it with less memory).
# Needs a JDK 17+, psql and pgbench (apt-get install postgresql-client when missing).
# Prints a results block at the end (copied into ops/bench/RESULTS.md by hand).
set -euo pipefail
cd "$(dirname "$0")/../.."
N=${1:-1000000}
SECONDS_PER_CASE=${2:-10}
WORK=$(mktemp -d /tmp/vigie-stats-bench.XXXXXX)
chmod 755 "$WORK" # PostgreSQL runs as nobody when this runs as root
PORT=18081
URL=http://127.0.0.1:$PORT
YEAR=$(( $(date -u +%Y) - 1 ))
RESULTS=$WORK/results.txt
source ops/bench/lib.sh # log, out, start_vigie, psql_vigie

if ! command -v psql >/dev/null || ! command -v pgbench >/dev/null; then
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

out "# Vigie statistics benchmark $(date -u +%Y-%m-%dT%H:%MZ) on $(nproc) cores, $(free -g | awk '/Mem/ {print $2}') GiB, $(java -version 2>&1 | head -1), load average $(cut -d' ' -f1-3 /proc/loadavg)"

if [ "$(cat "$DATA/loaded" 2>/dev/null)" = "$N $YEAR" ]; then
  out "reusing the $N tickets over $YEAR loaded in $DATA earlier"
else
  log "loading $N synthetic tickets over $YEAR"
  t0=$(date +%s)
  psql_vigie -v n="$N" -v end="'$((YEAR + 1))-01-01T00:00:00+01'" -f src/main/resources/fr/vigie/demo/synthetic-tickets.sql >/dev/null
  echo "$N $YEAR" >"$DATA/loaded"
  out "loaded $N tickets over $YEAR (facts made by the triggers) in $(( $(date +%s) - t0 )) s"
fi
out "$(psql_vigie -c "SELECT count(*) || ' facts, ' || count(DISTINCT victim_key) || ' distinct victims, ' || pg_size_pretty(pg_total_relation_size('stat_fact')) FROM stat_fact")"

json_field() { python3 -c "import json,sys; print(json.load(sys.stdin)[\"$1\"])"; }
ADMIN=$(curl -sf -X POST "$URL/login" -H 'Content-Type: application/json' \
  -d '{"username":"admin","password":"bench-password-2026"}' | json_field access_token)
curl -sf -o /dev/null -X POST "$URL/api/v1/users" -H "Authorization: Bearer $ADMIN" \
  -H 'Content-Type: application/json' \
  -d '{"username":"elu.bench","password":"bench-password-2026","roles":["OFFICIAL"]}' || true # kept data: exists
TOKEN=$(curl -sf -X POST "$URL/login" -H 'Content-Type: application/json' \
  -d '{"username":"elu.bench","password":"bench-password-2026"}' | json_field access_token)

first=$(curl -s -o /dev/null -w '%{time_total}' -H "Authorization: Bearer $TOKEN" \
  "$URL/api/v1/stats/cube?period=MONTH&from=$YEAR-01&to=$YEAR-12")
out "first cube of this instance (reads every fact from PostgreSQL): ${first}s; Vigie RSS then $(awk '/VmRSS/ {printf "%d MB", $2/1024}' /proc/"$VIGIE_PID"/status)"

# The loader leaves clocks due long ago: the sweeper's first passes after a start record tens of
# thousands of warnings and breaches (and change as many facts). Measure the desk at rest.
t0=$(date +%s)
until [ "$(psql_vigie -c "SELECT count(*) FROM clock WHERE sweep_at <= now() - interval '1 minute'")" -lt 100 ]; do
  sleep 2
done
out "sweeper caught up with the loaded clocks after $(( $(date +%s) - t0 )) s"

cases=(
  "/api/v1/stats/cube?groupBy=departement,victimCategory&period=MONTH&from=$YEAR-01&to=$YEAR-12"
  "/api/v1/stats/cube?groupBy=departement,victimCategory&period=YEAR&from=$YEAR&to=$YEAR"
  "/api/v1/stats/cube?groupBy=rsitClass,severity&period=QUARTER&from=$YEAR-Q1&to=$YEAR-Q4&victimCategory=COLLECTIVITE"
  "/api/v1/stats/cube?groupBy=departement,rsitClass,severity&period=MONTH&from=$YEAR-01&to=$YEAR-12"
  "/api/v1/stats/cube?period=MONTH&from=$YEAR-01&to=$YEAR-12"
  "/api/v1/stats/summary?year=$YEAR"
  "/api/v1/public/stats/$YEAR"
  "/api/v1/public/stats/$YEAR.csv"
)
for path in "${cases[@]}"; do
  java ops/bench/LoadClient.java --url "$URL" --target get --path "$path" --token "$TOKEN" \
    --mode closed --concurrency 1 --seconds 5 >/dev/null
  out "GET $path ($(curl -s -o /dev/null -w '%{size_download}' -H "Authorization: Bearer $TOKEN" "$URL$path") bytes)"
  out "    $(java ops/bench/LoadClient.java --url "$URL" --target get --path "$path" --token "$TOKEN" --mode closed --concurrency 1 --seconds "$SECONDS_PER_CASE")"
done
path=${cases[0]}
# A busy desk changes facts between questions: after each new report the first question makes
# the table ready again (victim order, duration views) before answering.
for i in 1 2 3 4 5; do
  curl -sf -o /dev/null -X POST "$URL/api/v1/reports" -H 'Content-Type: application/json' \
    --data-binary @ops/bench/report.json
  after[$i]=$(curl -s -o /dev/null -w '%{time_total}' -H "Authorization: Bearer $TOKEN" "$URL$path")
done
out "GET ${path} right after a new report, five times: ${after[*]} s"
out "GET ${path} four clients at once"
out "    $(java ops/bench/LoadClient.java --url "$URL" --target get --path "$path" --token "$TOKEN" --mode closed --concurrency 4 --seconds "$SECONDS_PER_CASE")"

log "the same question to PostgreSQL"
sql_ms=$(psql_vigie -c "SET jit = off" -c "EXPLAIN (ANALYZE, FORMAT JSON)
  SELECT date_trunc('month', created_at AT TIME ZONE 'Europe/Paris') AS month, departement,
    victim_category, count(DISTINCT victim_key) AS victims,
    percentile_disc(0.5) WITHIN GROUP (ORDER BY first_contact_minutes) AS first_contact,
    sum(sla_met)::float / nullif(sum(sla_met + sla_breached), 0) AS sla,
    percentile_disc(0.5) WITHIN GROUP (ORDER BY provider_engagement_minutes) AS engagement
  FROM stat_fact
  WHERE counted AND created_at >= '$YEAR-01-01T00:00:00+01' AND created_at < '$((YEAR + 1))-01-01T00:00:00+01'
  GROUP BY GROUPING SETS ((1, 2, 3), (1, 2), (1, 3), (1))" \
  | python3 -c 'import json,sys; print(round(json.load(sys.stdin)[0]["Execution Time"]))')
out "PostgreSQL, the first case as one GROUPING SETS query over stat_fact (no secrecy): ${sql_ms} ms"

log "what the triggers cost an intake"
PGPORT=$(sed -n 4p "$DATA/pg/postmaster.pid")
export PGPASSWORD; PGPASSWORD=$(cat "$DATA/pg-password")
TRIGGERS="ticket:stat_fact_ticket_insert ticket:stat_fact_ticket_update victim:stat_fact_victim_insert
  victim:stat_fact_victim_update orientation:stat_fact_orientation_insert
  orientation:stat_fact_orientation_delete clock:stat_fact_clock_insert clock:stat_fact_clock_update
  ticket_event:stat_fact_event_insert"
triggers() { for tt in $TRIGGERS; do psql_vigie -c "ALTER TABLE ${tt%%:*} $1 TRIGGER ${tt#*:}"; done; }
for state in ENABLE DISABLE; do
  triggers "$state"
  for c in 1 4; do
    tps=$(pgbench -h 127.0.0.1 -p "$PGPORT" -U vigie -n -f ops/bench/replay-intake.generated.sql \
      -c "$c" -j "$((c > 1 ? 2 : 1))" -T "$SECONDS_PER_CASE" vigie 2>/dev/null | awk '/^tps/ {print $3}')
    out "intake SQL replayed by pgbench, statistics triggers ${state}D, c=$c: $tps tps"
  done
done
triggers ENABLE
out "memory at the end: $(awk '/VmRSS|VmHWM/ {printf "%s %d MB  ", $1, $2/1024}' /proc/"$VIGIE_PID"/status)"

kill "$VIGIE_PID"; wait "$VIGIE_PID" 2>/dev/null || true
echo
echo "Results (also in $RESULTS):"
cat "$RESULTS"
