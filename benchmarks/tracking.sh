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
script=tracking.sh; work="$root/benchmarks/target/tracking-bench"
source "$root/benchmarks/bench-lib.sh"
users="${TR_USERS:-64}"
tracking_key="$(head -c 32 /dev/urandom | base64 -w0)"
build_jars

# The bench tenant, and the tracking key and tenant the generator signs tokens with.
setup_tracking() {
  setup_tenant
  printf 'tracking.key=%s\ntracking.tenant=%s\n' "$tracking_key" "$tenant_id" >> "$credentials"
}

# The tracking key is known, and the rate limits are out of the way: the benchmark measures throughput.
tracking_env=(FS_TRACKING_KEYS="bench:$tracking_key" FS_TRACKING_TOKEN_BURST=1000000 FS_TRACKING_TOKEN_RATE=1000000
  FS_TRACKING_ADDRESS_BURST=100000000 FS_TRACKING_ADDRESS_RATE=100000000)

run_scenarios() {
  generate service-warm-up url="$base/bench/noop" provider=twilio users="$noop_users" connections="$noop_users" \
    reuse=true duration=20s
  generate noop-form url="$base/bench/noop" provider=twilio users="$noop_users" connections="$noop_users" reuse=true
  local events="$base/api/tracking/events"
  generate tracking-closed url="$events" provider=tracking credentials="$credentials" users="$users" \
    connections="$users"
  local max="$last_result"
  if [ "$(field "$max" pass)" = true ]; then
    generate tracking-open url="$events" provider=tracking credentials="$credentials" mode=open \
      rate="$(half "$(field "$max" rps)")"
  fi
  echo "== $profile: service health at the end: HTTP $(curl -s -o /dev/null -w '%{http_code}' "$base/actuator/health")"
}

bench_embedded() {
  start_embedded "${tracking_env[@]}"
  setup_tracking
  run_scenarios
  stop_profile
}

bench_production() {
  start_production "${tracking_env[@]}"
  setup_tracking
  run_scenarios
  stop_profile
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
