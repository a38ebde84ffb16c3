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
script=webhooks.sh; work="$root/benchmarks/target/webhook-bench"
source "$root/benchmarks/bench-lib.sh"
sg_users="${SG_USERS:-8}"; tw_users="${TW_USERS:-64}"
build_jars

run_scenarios() {
  local key="$tenant_key"
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

bench_embedded() {
  start_embedded
  setup_tenant
  run_scenarios
  stop_profile
}

bench_production() {
  start_production
  setup_tenant
  run_scenarios
  stop_profile
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
