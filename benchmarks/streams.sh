#!/usr/bin/env bash
# Live stream benchmark (issue 6). Builds, starts the service (embedded default, -Xmx1g) on loopback, then runs
# StreamLoadHarness against it: N concurrent SSE clients, update latency from webhook acknowledged to every client,
# then a connect/disconnect churn with the heap after GC sampled. Details: benchmarks/README.md.
#
#   benchmarks/streams.sh [--connections 10000] [--rounds 30] [--churn 10m] [--churners 200] [--sample 60s]
#                         [--no-build]
#
# Environment: FS_BENCH_HTTP_PORT (18090), FS_BENCH_EMBEDDED_PG_PORT (54349), FUNNELSTREAM_JAVA_OPTS (service JVM,
# default -Xmx1g -XX:+UseZGC), GENERATOR_JAVA_OPTS (-Xmx2g).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
java="$JAVA_HOME/bin/java"

connections=10000; rounds=30; churn=10m; churners=200; sample=60s; build=true
while [ $# -gt 0 ]; do
  case "$1" in
    --connections) connections="$2"; shift 2 ;;
    --rounds) rounds="$2"; shift 2 ;;
    --churn) churn="$2"; shift 2 ;;
    --churners) churners="$2"; shift 2 ;;
    --sample) sample="$2"; shift 2 ;;
    --no-build) build=false; shift ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) echo "streams.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done

# Each SSE client is a socket on both sides of loopback.
ulimit -n 65536 || ulimit -n "$(ulimit -Hn)"
echo "== open files limit $(ulimit -n)"

http_port="${FS_BENCH_HTTP_PORT:-18090}"
pg_port="${FS_BENCH_EMBEDDED_PG_PORT:-54349}"
service_opts="${FUNNELSTREAM_JAVA_OPTS:--Xmx1g -XX:+UseZGC}"
generator_opts="${GENERATOR_JAVA_OPTS:--Xmx2g} --enable-native-access=ALL-UNNAMED"
base="http://127.0.0.1:$http_port"
work="$root/benchmarks/target/stream-bench"
rm -rf "$work/data"
mkdir -p "$work/data"

service_pid=""
cleanup() {
  if [ -n "$service_pid" ]; then kill "$service_pid" 2>/dev/null || true; wait "$service_pid" 2>/dev/null || true; fi
}
trap cleanup EXIT

if $build; then
  echo "== build (api jar, benchmarks and their classpath)"
  ./mvnw -B -ntp -q -o -pl api,benchmarks -am package -DskipTests \
    dependency:build-classpath -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=test
fi
cp="$root/benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)"

log="$work/service.log"
echo "== start the service on port $http_port (embedded PostgreSQL on $pg_port), log $log"
env FS_DATA_DIR="$work/data" FS_EMBEDDED_POSTGRES_PORT="$pg_port" FS_HTTP_PORT="$http_port" FS_LOG_FORMAT=text \
  "$java" $service_opts -jar api/target/funnelstream.jar > "$log" 2>&1 &
service_pid=$!
deadline=$((SECONDS + 300))
until curl -sf "$base/actuator/health/readiness" >/dev/null 2>&1; do
  kill -0 "$service_pid" 2>/dev/null || { tail -40 "$log"; echo "the service stopped while starting" >&2; exit 1; }
  [ "$SECONDS" -lt "$deadline" ] || { echo "the service is not ready after 300 s" >&2; exit 1; }
  sleep 1
done
echo "== ready; load average $(cut -d' ' -f1-3 /proc/loadavg)"

"$java" $generator_opts -cp "$cp" io.funnelstream.benchmarks.stream.StreamLoadHarness \
  base="$base" adminKeyFile="$work/data/admin-api-key" pid="$service_pid" jcmd="$JAVA_HOME/bin/jcmd" \
  jdbcUrl="jdbc:postgresql://127.0.0.1:$pg_port/funnelstream" connections="$connections" rounds="$rounds" \
  churn="$churn" churners="$churners" sample="$sample" | tee "$work/harness.log"
echo "== done; load average $(cut -d' ' -f1-3 /proc/loadavg); service log $log"
