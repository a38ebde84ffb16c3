#!/usr/bin/env bash
# Webhook ingestion benchmark (issue 3). Builds, starts the service on loopback with the bench profile, prepares a
# tenant, measures the no-op ceiling, then SendGrid batches and Twilio callbacks on the real routes (closed loop for
# the maximum, open loop at half of it for latency), and prints one table. Details: benchmarks/README.md.
#
#   benchmarks/webhooks.sh [--profile embedded|production|both] [--duration 30s] [--noop-only]
#                          [--only sendgrid|twilio] [--no-build]
#
#   --profile     embedded (default): the embedded default, its own PostgreSQL in benchmarks/target
#                 production: local PostgreSQL 127.0.0.1:5432 (a throwaway database), Redis 127.0.0.1:6379 and an
#                 in-process Kafka broker started here; both: one after the other
#   --duration    length of each measured phase (default 30s; SendGrid runs are capped at 200s by their signatures)
#   --noop-only   measure the no-op ceiling only
#   --only        measure one provider's real-route scenarios (both by default)
#   --no-build    reuse the jars of the last build
#
# Environment: FS_BENCH_HTTP_PORT (18080), FS_BENCH_EMBEDDED_PG_PORT (54339), FS_BENCH_REDIS_URL
# (redis://127.0.0.1:6379), SG_USERS (8), TW_USERS (64), NOOP_USERS (64), FUNNELSTREAM_JAVA_OPTS (service JVM,
# default -Xmx1g -XX:+UseZGC as ./funnelstream run), GENERATOR_JAVA_OPTS (-Xmx3g).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
java="$JAVA_HOME/bin/java"

profiles=embedded; duration=30s; noop_only=false; build=true; only=both
while [ $# -gt 0 ]; do
  case "$1" in
    --profile) profiles="$2"; shift 2 ;;
    --duration) duration="$2"; shift 2 ;;
    --noop-only) noop_only=true; shift ;;
    --only) only="$2"; shift 2 ;;
    --no-build) build=false; shift ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) echo "webhooks.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done
[ "$profiles" = both ] && profiles="embedded production"
for p in $profiles; do
  case "$p" in embedded|production) ;; *) echo "webhooks.sh: unknown profile $p" >&2; exit 2 ;; esac
done

http_port="${FS_BENCH_HTTP_PORT:-18080}"
pg_port="${FS_BENCH_EMBEDDED_PG_PORT:-54339}"
redis_url="${FS_BENCH_REDIS_URL:-redis://127.0.0.1:6379}"
service_opts="${FUNNELSTREAM_JAVA_OPTS:--Xmx1g -XX:+UseZGC}"
generator_opts="${GENERATOR_JAVA_OPTS:--Xmx3g} --enable-native-access=ALL-UNNAMED"
sg_users="${SG_USERS:-8}"; tw_users="${TW_USERS:-64}"; noop_users="${NOOP_USERS:-64}"
base="http://127.0.0.1:$http_port"
work="$root/benchmarks/target/webhook-bench"
mkdir -p "$work"
results="$work/results.txt"
: > "$results"

die() { echo "webhooks.sh: $*" >&2; exit 1; }

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
      || echo "webhooks.sh: could not drop the database $database" >&2
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
  env "$@" FS_HTTP_PORT="$http_port" FS_LOG_FORMAT=text \
    "$java" $service_opts -jar api/target/funnelstream.jar > "$log" 2>&1 &
  service_pid=$!
  local deadline=$((SECONDS + 300))
  until curl -sf "$base/actuator/health/readiness" >/dev/null 2>&1; do
    kill -0 "$service_pid" 2>/dev/null || { tail -40 "$log"; die "the service stopped while starting"; }
    [ "$SECONDS" -lt "$deadline" ] || die "the service is not ready after 300 s (see $log)"
    sleep 1
  done
  echo "   ready; health: $(curl -s "$base/actuator/health" | head -c 300)"
}

# Runs the generator; keeps its RESULT line. A failed run (exit 1) is recorded, not fatal.
generate() {
  local label="$1"; shift
  local record=true
  [ "$label" = service-warm-up ] && record=false
  local log="$work/$profile-$label.log"
  echo "== $profile: $label"
  set +e
  "$java" $generator_opts -cp "$cp" io.funnelstream.benchmarks.webhook.WebhookLoadGenerator \
    label="$label" duration="$duration" "$@" | tee "$log"
  local rc=${PIPESTATUS[0]}
  set -e
  [ "$rc" -le 1 ] || die "the generator refused its arguments (exit $rc)"
  last_result="$(grep '^RESULT ' "$log" | tail -1 || true)"
  if $record && [ -n "$last_result" ]; then echo "profile=$profile ${last_result#RESULT }" >> "$results"; fi
  return 0
}

field() { sed -n "s/.* $2=\([^ ]*\).*/\1/p" <<<" $1"; }
half() { awk -v r="$1" 'BEGIN { h = int(r / 2); print (h < 1 ? 1 : h) }'; }

run_scenarios() {
  local credentials="$1" key="$2"
  # A JVM just started runs its first seconds interpreted: warm the server's HTTP path up before measuring anything.
  generate service-warm-up url="$base/bench/noop" provider=twilio users="$noop_users" connections="$noop_users" \
    reuse=true duration=20s
  generate noop-form url="$base/bench/noop" provider=twilio users="$noop_users" connections="$noop_users" reuse=true
  generate noop-batch url="$base/bench/noop" provider=sendgrid users="$sg_users" connections="$sg_users" reuse=true
  $noop_only && return 0
  local code
  code="$(curl -s -o /dev/null -w '%{http_code}' -X POST -H 'Content-Type: application/x-www-form-urlencoded' \
    --data 'MessageSid=SMprobe&MessageStatus=sent' "$base/webhooks/twilio/$key")"
  if [ "$code" = 404 ]; then
    echo "== $profile: POST /webhooks/twilio/{key} answers 404 unsigned: the ingestion routes are not in this build;"
    echo "   real-route scenarios not measured"
    echo "profile=$profile label=webhook-routes missing=true" >> "$results"
    return 0
  fi
  local sg="$base/webhooks/sendgrid/$key" tw="$base/webhooks/twilio/$key"
  local sg_max="pass=false" tw_max="pass=false"
  if [ "$only" != twilio ]; then
    generate sendgrid-closed url="$sg" provider=sendgrid credentials="$credentials" users="$sg_users" \
      connections="$sg_users"
    sg_max="$last_result"
  fi
  if [ "$only" != sendgrid ]; then
    generate twilio-closed url="$tw" provider=twilio credentials="$credentials" users="$tw_users" \
      connections="$tw_users"
    tw_max="$last_result"
  fi
  # Half the measured maximum, for latency; only where the closed loop passed (its maximum means something).
  if [ "$(field "$sg_max" pass)" = true ]; then
    generate sendgrid-open url="$sg" provider=sendgrid credentials="$credentials" mode=open \
      rate="$(half "$(field "$sg_max" rps)")"
  fi
  if [ "$(field "$tw_max" pass)" = true ]; then
    generate twilio-open url="$tw" provider=twilio credentials="$credentials" mode=open \
      rate="$(half "$(field "$tw_max" rps)")"
  fi
}

setup_tenant() {  # jdbc url, keyset file
  local credentials="$work/credentials-$profile.properties"
  "$java" -cp "$cp" io.funnelstream.benchmarks.webhook.WebhookBenchSetup jdbcUrl="$1" keysetFile="$2" \
    out="$credentials" | tee "$work/setup-$profile.log" >&2
  local key; key="$(sed -n 's/^tenant key *//p' "$work/setup-$profile.log")"
  [ -n "$key" ] || die "setup printed no tenant key"
  echo "$credentials $key"
}

bench_embedded() {
  local data="$work/embedded-data"
  rm -rf "$data"
  port_taken "$pg_port" && die "port $pg_port is taken (set FS_BENCH_EMBEDDED_PG_PORT)"
  start_service SPRING_PROFILES_ACTIVE=bench FS_DATA_DIR="$data" FS_EMBEDDED_POSTGRES_PORT="$pg_port"
  local prepared; prepared="$(setup_tenant "jdbc:postgresql://127.0.0.1:$pg_port/funnelstream" "$data/keyset.json")"
  run_scenarios $prepared
  stop_service
}

bench_production() {
  command -v psql >/dev/null || die "the production profile needs psql (local PostgreSQL on 5432)"
  local data="$work/production-data" bootstrap="$work/kafka-bootstrap"
  rm -rf "$data" "$bootstrap"; mkdir -p "$data"
  database="fs_webhook_bench_$(od -An -N4 -tx4 /dev/urandom | tr -d ' ')"
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
  local prepared; prepared="$(setup_tenant "jdbc:postgresql://127.0.0.1:5432/$database" "$data/keyset.json")"
  run_scenarios $prepared
  stop_service
  kill "$broker_pid" 2>/dev/null || true; wait "$broker_pid" 2>/dev/null || true; broker_pid=""
}

for profile in $profiles; do
  "bench_$profile"
done

echo
echo "Webhook ingestion benchmark, $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| profile | scenario | loop | users / rate | requests/s | events/s | p50 ms | p90 ms | p99 ms | p99.9 ms | max ms | not 2xx | generator CPU | verdict |"
echo "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"
while read -r line; do
  p="$(field "$line" profile)"; l="$(field "$line" label)"
  if [ "$(field "$line" missing)" = true ]; then
    echo "| $p | real routes | | | not measured yet: routes absent (404) | | | | | | | | | |"; continue
  fi
  mode="$(field "$line" mode)"
  shape="$( [ "$mode" = open ] && echo "$(field "$line" rate)/s" || echo "$(field "$line" users) users")"
  printf '| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s%% | %s%% | %s |\n' "$p" "$l" "$mode" \
    "$shape" "$(field "$line" rps)" "$(field "$line" eps)" "$(field "$line" p50_ms)" "$(field "$line" p90_ms)" \
    "$(field "$line" p99_ms)" "$(field "$line" p999_ms)" "$(field "$line" max_ms)" \
    "$(field "$line" unsuccessful_pct)" "$(field "$line" generator_cpu_pct)" \
    "$( [ "$(field "$line" pass)" = true ] && echo PASS || echo FAIL)"
done < "$results"

echo
for profile in $profiles; do
  rps() { field "$(grep "^profile=$profile label=$1 " "$results" | tail -1)" rps; }
  for pair in "twilio-closed noop-form" "sendgrid-closed noop-batch"; do
    set -- $pair
    route="$(rps "$1")"; ceiling="$(rps "$2")"
    if [ -n "$route" ] && [ -n "$ceiling" ]; then
      awk -v p="$profile" -v a="$1" -v b="$2" -v r="$route" -v c="$ceiling" \
        'BEGIN { printf "%s: %s / %s = %.1f / %.1f requests/s = %.2f of the no-op ceiling\n", p, a, b, r, c, r / c }'
    fi
  done
done
echo "Logs and RESULT lines: $work"
