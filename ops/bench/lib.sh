# Shared by the benchmark scripts, sourced after they set WORK, PORT, URL and RESULTS: messages,
# the results block, Vigie started from a jar on its embedded PostgreSQL, psql on that database.
log() { echo "== $*" >&2; }
out() { echo "$*" | tee -a "$RESULTS"; }

# Vigie from $VIGIE_JAR (default target/vigie.jar) on the data directory $1, with extra
# environment "$@"; waits for /health. Every load generator runs from this one address: rate
# limits off (they would answer 429). Sets VIGIE_PID and STARTUP (seconds to healthy).
start_vigie() {
  local data=$1; shift
  env VIGIE_DATA_DIR="$data" VIGIE_BOOTSTRAP_ADMIN_PASSWORD=bench-password-2026 \
    VIGIE_RATE_LIMIT_ENABLED=false MICRONAUT_SERVER_PORT=$PORT "$@" \
    java ${VIGIE_BENCH_JAVA_OPTS:-} -jar "${VIGIE_JAR:-target/vigie.jar}" >>"$WORK/vigie.log" 2>&1 &
  VIGIE_PID=$!
  local t0; t0=$(date +%s.%N)
  until curl -sf "$URL/health" >/dev/null; do
    kill -0 "$VIGIE_PID" 2>/dev/null || { tail -20 "$WORK/vigie.log"; exit 1; }
    sleep 0.1
  done
  STARTUP=$(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN { print b - a }')
}
stop_vigie() { kill "$VIGIE_PID"; wait "$VIGIE_PID" 2>/dev/null || true; }

# psql as Vigie's user on the database of $DATA.
psql_vigie() {
  PGPASSWORD=$(cat "$DATA/pg-password") psql -h 127.0.0.1 -p "$(sed -n 4p "$DATA/pg/postmaster.pid")" \
    -U vigie -d vigie -qAt "$@"
}
