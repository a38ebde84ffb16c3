#!/usr/bin/env bash
# Survey funnel tracking benchmark (issue 5). Builds, starts the service on loopback (bench profile) with a known
# tracking key and rate limits out of the way, prepares a tenant, measures the no-op ceiling, then single-event
# beacons to POST /api/tracking/events: a closed loop for the maximum and an open loop at half of it for latency.
# Each 200 is durable in the event log. Prints one table.
#
#   benchmarks/tracking.sh [--profile embedded|production|both] [--duration 30s] [--no-build]
#
#   --profile     embedded (default): the embedded default, its own PostgreSQL in benchmarks/target
#                 production: local PostgreSQL 127.0.0.1:5432 (a throwaway database), Redis 127.0.0.1:6379 and an
#                 in-process Kafka broker started here; both: one after the other
#
# Environment: FS_BENCH_HTTP_PORT (18080), FS_BENCH_EMBEDDED_PG_PORT (54339), FS_BENCH_REDIS_URL
# (redis://127.0.0.1:6379), TR_USERS (64), NOOP_USERS (64), FUNNELSTREAM_JAVA_OPTS (service JVM, default -Xmx1g
# -XX:+UseZGC), GENERATOR_JAVA_OPTS (-Xmx3g).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
java="$JAVA_HOME/bin/java"

profiles=embedded; duration=30s; build=true
while [ $# -gt 0 ]; do
  case "$1" in
    --profile) profiles="$2"; shift 2 ;;
    --duration) duration="$2"; shift 2 ;;
    --no-build) build=false; shift ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) echo "tracking.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done
[ "$profiles" = both ] && profiles="embedded production"
for p in $profiles; do
  case "$p" in embedded|production) ;; *) echo "tracking.sh: unknown profile $p" >&2; exit 2 ;; esac
done

http_port="${FS_BENCH_HTTP_PORT:-18080}"
pg_port="${FS_BENCH_EMBEDDED_PG_PORT:-54339}"
redis_url="${FS_BENCH_REDIS_URL:-redis://127.0.0.1:6379}"
service_opts="${FUNNELSTREAM_JAVA_OPTS:--Xmx1g -XX:+UseZGC}"
generator_opts="${GENERATOR_JAVA_OPTS:--Xmx3g} --enable-native-access=ALL-UNNAMED"
users="${TR_USERS:-64}"; noop_users="${NOOP_USERS:-64}"
base="http://127.0.0.1:$http_port"
work="$root/benchmarks/target/tracking-bench"
mkdir -p "$work"
results="$work/results.txt"
: > "$results"
tracking_key="$(head -c 32 /dev/urandom | base64 -w0)"

die() { echo "tracking.sh: $*" >&2; exit 1; }
service_pid=""; broker_pid=""; database=""
stop_service() {
  if [ -n "$service_pid" ]; then kill "$service_pid" 2>/dev/null || true; wait "$service_pid" 2>/dev/null || true; fi
  service_pid=""
}
cleanup() {
  stop_service
  if [ -n "$broker_pid" ]; then kill "$broker_pid" 2>/dev/null || true; wait "$broker_pid" 2>/dev/null || true; fi
  if [ -n "$database" ]; then
    psql -h 127.0.0.1 -U postgres -d postgres -qc "drop database if exists $database with (force)" >/dev/null \
      || echo "tracking.sh: could not drop the database $database" >&2
  fi
}
trap cleanup EXIT
port_taken() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

if $build; then
  echo "== build (api jar, benchmarks and their classpath)"
  ./mvnw -B -ntp -q -pl api,benchmarks -am package -DskipTests \
    dependency:build-classpath -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=test
fi
[ -f api/target/funnelstream.jar ] && [ -f benchmarks/target/classpath.txt ] || die "nothing built yet: drop --no-build"
cp="$root/benchmarks/target/classes:$root/benchmarks/target/test-classes:$(cat benchmarks/target/classpath.txt)"

# Starts the service with the given environment (VAR=value ...) and waits until it is ready.
start_service() {
  local log="$work/service-$profile.log"
  port_taken "$http_port" && die "port $http_port is taken (set FS_BENCH_HTTP_PORT)"
  echo "== start the service ($profile) on port $http_port, log $log"
  env "$@" FS_HTTP_PORT="$http_port" FS_LOG_FORMAT=text FS_TRACKING_KEYS="bench:$tracking_key" \
    FS_TRACKING_TOKEN_BURST=1000000 FS_TRACKING_TOKEN_RATE=1000000 FS_TRACKING_ADDRESS_BURST=100000000 \
    FS_TRACKING_ADDRESS_RATE=100000000 "$java" $service_opts -jar api/target/funnelstream.jar > "$log" 2>&1 &
  service_pid=$!
  local deadline=$((SECONDS + 300))
  until curl -sf "$base/actuator/health/readiness" >/dev/null 2>&1; do
    kill -0 "$service_pid" 2>/dev/null || { tail -40 "$log"; die "the service stopped while starting"; }
    [ "$SECONDS" -lt "$deadline" ] || die "the service is not ready after 300 s (see $log)"
    sleep 1
  done
}

setup_tenant() {  # jdbc url, keyset file; sets $credentials
  credentials="$work/credentials-$profile.properties"
  "$java" -cp "$cp" io.funnelstream.benchmarks.webhook.WebhookBenchSetup jdbcUrl="$1" keysetFile="$2" \
    out="$credentials" | tee "$work/setup-$profile.log" >&2
  local tenant; tenant="$(sed -n 's/^tenant .*(\(.*\))$/\1/p' "$work/setup-$profile.log")"
  [ -n "$tenant" ] || die "setup printed no tenant id"
  printf 'tracking.key=%s\ntracking.tenant=%s\n' "$tracking_key" "$tenant" >> "$credentials"
}

generate() {
  local label="$1"; shift
  local out="$work/$profile-$label.log"
  echo "== $profile: $label"
  set +e
  "$java" $generator_opts -cp "$cp" io.funnelstream.benchmarks.webhook.WebhookLoadGenerator \
    label="$label" duration="$duration" "$@" | tee "$out"
  local rc=${PIPESTATUS[0]}
  set -e
  [ "$rc" -le 1 ] || die "the generator refused its arguments (exit $rc)"
  last_result="$(grep '^RESULT ' "$out" | tail -1 || true)"
  [ "$label" = service-warm-up ] || [ -z "$last_result" ] \
    || echo "profile=$profile ${last_result#RESULT }" >> "$results"
}
field() { sed -n "s/.* $2=\([^ ]*\).*/\1/p" <<<" $1"; }

run_scenarios() {
  generate service-warm-up url="$base/bench/noop" provider=twilio users="$noop_users" connections="$noop_users" \
    reuse=true duration=20s
  generate noop-form url="$base/bench/noop" provider=twilio users="$noop_users" connections="$noop_users" reuse=true
  local events="$base/api/tracking/events"
  generate tracking-closed url="$events" provider=tracking credentials="$credentials" users="$users" \
    connections="$users"
  local max="$last_result"
  if [ "$(field "$max" pass)" = true ]; then
    local rate; rate="$(awk -v r="$(field "$max" rps)" 'BEGIN { h = int(r / 2); print (h < 1 ? 1 : h) }')"
    generate tracking-open url="$events" provider=tracking credentials="$credentials" mode=open rate="$rate"
  fi
  echo "== $profile: service health at the end: HTTP $(curl -s -o /dev/null -w '%{http_code}' "$base/actuator/health")"
}

bench_embedded() {
  local data="$work/embedded-data"
  rm -rf "$data"
  port_taken "$pg_port" && die "port $pg_port is taken (set FS_BENCH_EMBEDDED_PG_PORT)"
  start_service SPRING_PROFILES_ACTIVE=bench FS_DATA_DIR="$data" FS_EMBEDDED_POSTGRES_PORT="$pg_port"
  setup_tenant "jdbc:postgresql://127.0.0.1:$pg_port/funnelstream" "$data/keyset.json"
  run_scenarios
  stop_service
}

bench_production() {
  command -v psql >/dev/null || die "the production profile needs psql (local PostgreSQL on 5432)"
  local data="$work/production-data" bootstrap="$work/kafka-bootstrap"
  rm -rf "$data" "$bootstrap"; mkdir -p "$data"
  database="fs_tracking_bench_$(od -An -N4 -tx4 /dev/urandom | tr -d ' ')"
  psql -h 127.0.0.1 -U postgres -d postgres -qc "create database $database" >/dev/null
  echo "== start an in-process Kafka broker (log $work/kafka.log)"
  "$java" -Xmx1g -cp "$cp" io.funnelstream.benchmarks.webhook.KafkaBenchBroker out="$bootstrap" partitions=8 \
    > "$work/kafka.log" 2>&1 &
  broker_pid=$!
  local deadline=$((SECONDS + 180))
  until [ -s "$bootstrap" ]; do
    kill -0 "$broker_pid" 2>/dev/null || { tail -30 "$work/kafka.log"; die "the Kafka broker stopped"; }
    [ "$SECONDS" -lt "$deadline" ] || die "the Kafka broker is not up after 180 s"
    sleep 1
  done
  start_service SPRING_PROFILES_ACTIVE=production,bench FS_DATA_DIR="$data" FS_POSTGRES_HOST=127.0.0.1 \
    FS_POSTGRES_PORT=5432 FS_POSTGRES_DATABASE="$database" FS_REDIS_URL="$redis_url" \
    FS_KAFKA_BOOTSTRAP_SERVERS="$(cat "$bootstrap")"
  setup_tenant "jdbc:postgresql://127.0.0.1:5432/$database" "$data/keyset.json"
  run_scenarios
  stop_service
  kill "$broker_pid" 2>/dev/null || true; wait "$broker_pid" 2>/dev/null || true; broker_pid=""
  psql -h 127.0.0.1 -U postgres -d postgres -qc "drop database if exists $database with (force)" >/dev/null || true
  database=""
}

for profile in $profiles; do
  "bench_$profile"
done

echo
echo "Tracking benchmark, $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| profile | scenario | loop | users / rate | events/s | p50 ms | p90 ms | p99 ms | p99.9 ms | max ms | not 2xx | verdict |"
echo "|---|---|---|---|---|---|---|---|---|---|---|---|"
while read -r line; do
  mode="$(field "$line" mode)"
  shape="$( [ "$mode" = open ] && echo "$(field "$line" rate)/s" || echo "$(field "$line" users) users")"
  printf '| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s%% | %s |\n' "$(field "$line" profile)" \
    "$(field "$line" label)" "$mode" "$shape" "$(field "$line" eps)" "$(field "$line" p50_ms)" \
    "$(field "$line" p90_ms)" "$(field "$line" p99_ms)" "$(field "$line" p999_ms)" "$(field "$line" max_ms)" \
    "$(field "$line" unsuccessful_pct)" "$( [ "$(field "$line" pass)" = true ] && echo PASS || echo FAIL)"
done < "$results"
echo "Logs and RESULT lines: $work"
