#!/usr/bin/env bash
# Vigie's benchmark (issue 9), on one machine, Vigie and its embedded PostgreSQL co-located:
#   intake throughput at c=1/8/32 and latency at 200 req/s (every acknowledged report counted in
#   the database afterwards), the pgbench baselines (single-row inserts, and the exact SQL of one
#   intake captured from the server and replayed), the queue and ticket pages at N tickets, a
#   sweeper pass over 100,000 due clocks, memory under load and start-up times.
# Usage: ops/bench/run.sh [N tickets, default 1000000] [seconds per intake step, default 20]
# Needs a JDK 17+; installs wrk, pgbench (extracted from Debian's postgresql-15 package, no
# server started) and python3 with apt-get when missing. Prints a results block at the end.
# VIGIE_BENCH_JAVA_OPTS="-Xmx…" passes JVM options to Vigie.
set -euo pipefail
cd "$(dirname "$0")/../.."
N=${1:-1000000}
SECONDS_PER_STEP=${2:-20}
WORK=$(mktemp -d /tmp/vigie-bench.XXXXXX)
chmod 755 "$WORK" # PostgreSQL runs as nobody when this runs as root
PORT=18080
URL=http://127.0.0.1:$PORT
RESULTS=$WORK/results.txt
source ops/bench/lib.sh # log, out, start_vigie, stop_vigie, psql_vigie

need() {
  if ! command -v wrk >/dev/null || ! command -v python3 >/dev/null || ! command -v psql >/dev/null; then
    log "installing wrk, python3, postgresql-client"
    apt-get update -qq && apt-get install -y -qq wrk python3 postgresql-client >/dev/null
  fi
  PGBENCH=$(command -v pgbench || ls /usr/lib/postgresql/*/bin/pgbench 2>/dev/null | tail -1 || true)
  if [ -z "$PGBENCH" ]; then
    log "extracting pgbench from Debian's postgresql-15 package"
    (cd "$WORK" && apt-get download -qq postgresql-15 && dpkg -x postgresql-15_*.deb pg15)
    PGBENCH=$WORK/pg15/usr/lib/postgresql/15/bin/pgbench
  fi
}

rss() { awk '/VmRSS|VmHWM/ {printf "%s %d MB  ", $1, $2/1024}' /proc/"$VIGIE_PID"/status; }
heap() { jcmd "$VIGIE_PID" GC.heap_info | awk '/total/ {print "heap:", $0; exit}'; }
cpu_of() { awk '{print $14+$15}' /proc/"$1"/stat; }
pg_cpu() { local s=0; for q in $(pgrep -x postgres); do s=$((s + $(cpu_of "$q" 2>/dev/null || echo 0))); done; echo $s; }

need
log "building"
./mvnw -q -B -ntp -DskipTests package
DATA=$WORK/data
mkdir -p "$DATA" "$WORK/acks"

out "# Vigie benchmark $(date -u +%Y-%m-%dT%H:%MZ) on $(nproc) cores, $(free -g | awk '/Mem/ {print $2}') GiB, $(java -version 2>&1 | head -1)"
start_vigie "$DATA"
out "start-up, embedded PostgreSQL, new data directory: ${STARTUP}s"
stop_vigie
start_vigie "$DATA"
out "start-up, embedded PostgreSQL, existing data directory: ${STARTUP}s"

log "intake warm-up"
ACKS_DIR=$WORK/acks wrk -t 2 -c 16 -d 20s -s ops/bench/intake.lua "$URL" >/dev/null
for c in 1 8 32; do
  t=$([ "$c" = 1 ] && echo 1 || echo 2)
  v0=$(cpu_of "$VIGIE_PID"); p0=$(pg_cpu)
  line=$(ACKS_DIR=$WORK/acks wrk -t "$t" -c "$c" -d "${SECONDS_PER_STEP}s" -s ops/bench/intake.lua "$URL" \
    | awk '/Requests\/sec/ {r=$2} /^WRK/ {w=$0} END {print r, w}')
  v1=$(cpu_of "$VIGIE_PID"); p1=$(pg_cpu)
  reqs=$(echo "$line" | sed 's/.*requests=\([0-9]*\).*/\1/')
  out "intake closed c=$c: $line; CPU per report: vigie $(echo "scale=2; ($v1-$v0)*10/$reqs" | bc) ms, postgres $(echo "scale=2; ($p1-$p0)*10/$reqs" | bc) ms"
  [ "$c" = 32 ] && out "memory after c=32: $(rss) $(heap)"
done
out "intake at a fixed 200 req/s: $(java ops/bench/LoadClient.java --url "$URL" --mode rate --rate 200 --warmup 10 --seconds "$SECONDS_PER_STEP" --acks "$WORK/acks/acks-rate.txt")"

check_acks() {
  log "checking that every acknowledged report is stored"
  cat "$WORK"/acks/*.txt | sort -u > "$WORK/acked.txt"
  psql_vigie -c "CREATE TEMP TABLE acked (reference text)" \
    -c "\\copy acked FROM '$WORK/acked.txt'" \
    -c "SELECT 'acknowledged ' || count(*) || ', missing from the database ' || count(*) FILTER (WHERE t.id IS NULL) FROM acked a LEFT JOIN ticket t ON t.reference = a.reference" \
    | tee -a "$RESULTS"
}
check_acks

log "baselines with pgbench on the same PostgreSQL"
PGPORT=$(sed -n 4p "$DATA/pg/postmaster.pid")
export PGPASSWORD; PGPASSWORD=$(cat "$DATA/pg-password")
psql_vigie -c "CREATE TABLE IF NOT EXISTS bench_row (id bigserial PRIMARY KEY, at timestamptz NOT NULL DEFAULT now(), payload text NOT NULL)"
echo "INSERT INTO bench_row (payload) VALUES ('x');" > "$WORK/insert.sql"
psql_vigie -c "ALTER SYSTEM SET log_statement = 'all'" -c "SELECT pg_reload_conf()" >/dev/null
sleep 1
from=$(wc -l < "$DATA/pg/postgres.log")
curl -sf -o /dev/null -X POST "$URL/api/v1/reports" -H 'Content-Type: application/json' --data-binary @ops/bench/report.json
sleep 1
psql_vigie -c "ALTER SYSTEM RESET log_statement" -c "SELECT pg_reload_conf()" >/dev/null
tail -n +"$((from + 1))" "$DATA/pg/postgres.log" > "$WORK/capture.log"
python3 ops/bench/replay-from-log.py "$WORK/capture.log" > "$WORK/replay.sql"
cp "$WORK/replay.sql" ops/bench/replay-intake.generated.sql
for c in 1 8 32; do
  j=$([ "$c" = 1 ] && echo 1 || echo 2)
  ins=$("$PGBENCH" -h 127.0.0.1 -p "$PGPORT" -U vigie -n -f "$WORK/insert.sql" -c "$c" -j "$j" -T "$SECONDS_PER_STEP" vigie 2>/dev/null | awk '/^tps/ {print $3}')
  rep=$("$PGBENCH" -h 127.0.0.1 -p "$PGPORT" -U vigie -n -f "$WORK/replay.sql" -c "$c" -j "$j" -T "$SECONDS_PER_STEP" vigie 2>/dev/null | awk '/^tps/ {print $3}')
  out "pgbench c=$c: single-row inserts ${ins} tps; replayed intake SQL ${rep} tps"
done

log "loading $N synthetic tickets"
t0=$(date +%s)
psql_vigie -v n="$N" -f src/main/resources/fr/vigie/demo/synthetic-tickets.sql | tee -a "$RESULTS"
out "loaded $N tickets in $(( $(date +%s) - t0 )) s"
# Every synthetic timeline event is audited (a trigger on ticket_event): the sealer chains a few
# million entries after the load. Its catch-up time is its throughput; the pages below are
# measured once it is done, as on a desk at rest.
t0=$(date +%s); backlog=$(psql_vigie -c "SELECT count(*) FROM audit_event WHERE seq IS NULL")
until [ "$(psql_vigie -c "SELECT count(*) FROM audit_event WHERE seq IS NULL")" = 0 ]; do sleep 2; done
elapsed=$(( $(date +%s) - t0 ))
out "audit sealer: $backlog entries chained in ${elapsed} s ($(( backlog / (elapsed > 0 ? elapsed : 1) ))/s)"

TOKEN=$(curl -sf -X POST "$URL/login" -H 'Content-Type: application/json' \
  -d '{"username":"admin","password":"bench-password-2026"}' | python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])')
REF=$(psql_vigie -c "SELECT reference FROM ticket WHERE status <> 'CLOSED' ORDER BY id DESC LIMIT 1")
for page in "/api/v1/tickets" "/api/v1/tickets?departement=29&severity=P2" "/api/v1/tickets?status=CLOSED&sort=created" "/api/v1/tickets/$REF"; do
  java ops/bench/LoadClient.java --url "$URL" --target get --path "$page" --token "$TOKEN" --mode closed --concurrency 4 --seconds 5 >/dev/null
  for c in 1 4; do
    out "GET $page at $N tickets: $(java ops/bench/LoadClient.java --url "$URL" --target get --path "$page" --token "$TOKEN" --mode closed --concurrency "$c" --seconds "$SECONDS_PER_STEP")"
  done
done

# The hash-chained audit log under intake load: four readers of a ticket page (each read is
# audited) while 32 clients report. Entries are appended without a lock and chained afterwards
# by the sealer (AuditSealer), so intake should not wait on the chain; the sealer must keep up.
log "audit log under intake load"
audit_count() { psql_vigie -c "SELECT count(*) FROM audit_event"; }
unsealed() { psql_vigie -c "SELECT count(*) FROM audit_event WHERE seq IS NULL"; }
java ops/bench/LoadClient.java --url "$URL" --target get --path "/api/v1/tickets/$REF" --token "$TOKEN" \
  --mode closed --concurrency 4 --seconds "$((SECONDS_PER_STEP + 8))" >"$WORK/audit-readers.txt" &
READERS=$!
a=$(audit_count)
until [ "$(audit_count)" -gt "$((a + 100))" ]; do sleep 0.2; done # the readers are reading
a0=$(audit_count)
line=$(ACKS_DIR=$WORK/acks wrk -t 2 -c 32 -d "${SECONDS_PER_STEP}s" -s ops/bench/intake.lua "$URL" \
  | awk '/Requests\/sec/ {r=$2} /^WRK/ {w=$0} END {print r, w}')
a1=$(audit_count); left=$(unsealed)
t0=$(date +%s.%N)
until [ "$(unsealed)" = 0 ]; do sleep 0.1; done
sealed_after=$(echo "$(date +%s.%N) - $t0" | bc)
wait "$READERS"
out "intake closed c=32 with 4 audited ticket-page readers at once: $line"
out "    readers: $(cat "$WORK/audit-readers.txt")"
out "    audit entries written during the intake run: $((a1 - a0)) ($(( (a1 - a0) / SECONDS_PER_STEP ))/s); unsealed at its end: $left, all sealed ${sealed_after}s later; chain: $(curl -sf -H "Authorization: Bearer $TOKEN" "$URL/api/v1/audit/verify")"
check_acks

log "sweeper pass over 100,000 due clocks"
stop_vigie
start_vigie "$DATA" VIGIE_CLOCKS_SWEEP_INTERVAL=2s VIGIE_CLOCKS_SWEEP_INITIAL_DELAY=600s
psql_vigie -c "UPDATE clock SET state = 'RUNNING', ended_at = NULL, completed_at = NULL, notified_level = 0, warn_at = now() - interval '1 minute', due_at = now() + interval '1 hour', sweep_at = now() - interval '1 minute' WHERE id IN (SELECT id FROM clock WHERE code = 'FIRST_CONTACT' ORDER BY id LIMIT 100000)" >/dev/null
out "sweeper claim query with 100,000 running clocks, none due: $(psql_vigie -c "EXPLAIN (ANALYZE, FORMAT JSON) SELECT c.id FROM clock c JOIN ticket t ON t.id = c.ticket_id LEFT JOIN app_user u ON u.id = t.assignee_id WHERE c.sweep_at <= now() - interval '2 minutes' ORDER BY c.sweep_at LIMIT 500 FOR UPDATE OF c, t SKIP LOCKED" | python3 -c 'import json,sys; print(round(json.load(sys.stdin)[0]["Execution Time"], 2), "ms")')"
stop_vigie
from=$(wc -l < "$WORK/vigie.log")
start_vigie "$DATA" VIGIE_CLOCKS_SWEEP_INTERVAL=2s VIGIE_CLOCKS_SWEEP_INITIAL_DELAY=1s
until tail -n +"$from" "$WORK/vigie.log" | grep -q "Clock sweep: [0-9]* levels"; do sleep 1; done
out "sweeper, 100,000 clocks due at once (a warning each: event + notification): $(tail -n +"$from" "$WORK/vigie.log" | grep -o 'Clock sweep: [0-9]* levels recorded in [0-9]* ms' | head -1)"
out "memory at the end: $(rss) $(heap)"
stop_vigie

echo
echo "Results (also in $RESULTS):"
cat "$RESULTS"
