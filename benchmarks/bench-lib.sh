# Shared by benchmarks/webhooks.sh and benchmarks/tracking.sh (sourced, not run), after their options are read:
# the profiles and settings both take, building, the service and its Kafka broker, the load generator and the
# result lines. The sourcing script sets before sourcing: script (its name, for messages), root, java, build,
# profiles, duration and work (its folder for logs and results); it uses $profile (embedded|production) while it
# runs one.

[ "$profiles" = both ] && profiles="embedded production"
for p in $profiles; do
  case "$p" in embedded|production) ;; *) echo "$script: unknown profile $p" >&2; exit 2 ;; esac
done

http_port="${FS_BENCH_HTTP_PORT:-18080}"
pg_port="${FS_BENCH_EMBEDDED_PG_PORT:-54339}"
redis_url="${FS_BENCH_REDIS_URL:-redis://127.0.0.1:6379}"
service_opts="${FUNNELSTREAM_JAVA_OPTS:--Xmx1g -XX:+UseZGC}"
generator_opts="${GENERATOR_JAVA_OPTS:--Xmx3g} --enable-native-access=ALL-UNNAMED"
noop_users="${NOOP_USERS:-64}"
base="http://127.0.0.1:$http_port"
mkdir -p "$work"
results="$work/results.txt"
: > "$results"

die() { echo "$script: $*" >&2; exit 1; }

service_pid=""; broker_pid=""; database=""
stop_service() {
  if [ -n "$service_pid" ]; then kill "$service_pid" 2>/dev/null || true; wait "$service_pid" 2>/dev/null || true; fi
  service_pid=""
}
stop_broker() {
  if [ -n "$broker_pid" ]; then kill "$broker_pid" 2>/dev/null || true; wait "$broker_pid" 2>/dev/null || true; fi
  broker_pid=""
}
drop_database() {
  if [ -n "$database" ]; then
    psql -h 127.0.0.1 -U postgres -d postgres -qc "drop database if exists $database with (force)" >/dev/null \
      || echo "$script: could not drop the database $database" >&2
  fi
  database=""
}
cleanup() {
  stop_service
  stop_broker
  drop_database
}
trap cleanup EXIT

port_taken() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# Builds the service jar and the generator's classpath (unless --no-build), and sets $cp.
build_jars() {
  if $build; then
    echo "== build (api jar, benchmarks and their classpath)"
    ./mvnw -B -ntp -q -pl api,benchmarks -am package -DskipTests \
      dependency:build-classpath -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=test
  fi
  [ -f api/target/funnelstream.jar ] && [ -f benchmarks/target/classpath.txt ] || die "nothing built yet: drop --no-build"
  cp="$root/benchmarks/target/classes:$root/benchmarks/target/test-classes:$(cat benchmarks/target/classpath.txt)"
}

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

# The embedded default: its own PostgreSQL in $work/embedded-data. Extra environment as arguments.
start_embedded() {
  local data="$work/embedded-data"
  rm -rf "$data"
  port_taken "$pg_port" && die "port $pg_port is taken (set FS_BENCH_EMBEDDED_PG_PORT)"
  start_service SPRING_PROFILES_ACTIVE=bench FS_DATA_DIR="$data" FS_EMBEDDED_POSTGRES_PORT="$pg_port" "$@"
  jdbc_url="jdbc:postgresql://127.0.0.1:$pg_port/funnelstream"
  keyset="$data/keyset.json"
}

# The production profile: a throwaway database in the local PostgreSQL, the local Redis and an in-process Kafka
# broker of 8 partitions. Extra environment as arguments.
start_production() {
  command -v psql >/dev/null || die "the production profile needs psql (local PostgreSQL on 5432)"
  local data="$work/production-data" bootstrap="$work/kafka-bootstrap"
  rm -rf "$data" "$bootstrap"; mkdir -p "$data"
  database="fs_${script%.sh}_bench_$(od -An -N4 -tx4 /dev/urandom | tr -d ' ')"
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
    FS_KAFKA_BOOTSTRAP_SERVERS="$(cat "$bootstrap")" "$@"
  jdbc_url="jdbc:postgresql://127.0.0.1:5432/$database"
  keyset="$data/keyset.json"
}

stop_profile() {
  stop_service
  stop_broker
  drop_database
}

# Creates the bench tenant with its provider credentials (WebhookBenchSetup); sets $credentials and $tenant_key.
setup_tenant() {
  credentials="$work/credentials-$profile.properties"
  "$java" -cp "$cp" io.funnelstream.benchmarks.webhook.WebhookBenchSetup jdbcUrl="$jdbc_url" keysetFile="$keyset" \
    out="$credentials" | tee "$work/setup-$profile.log" >&2
  tenant_key="$(sed -n 's/^tenant key *//p' "$work/setup-$profile.log")"
  tenant_id="$(sed -n 's/^tenant .*(\(.*\))$/\1/p' "$work/setup-$profile.log")"
  [ -n "$tenant_key" ] && [ -n "$tenant_id" ] || die "setup printed no tenant"
}

# Runs the generator; keeps its RESULT line in $last_result and, but for the warm-up, in $results. A failed run
# (exit 1) is recorded, not fatal.
generate() {
  local label="$1"; shift
  local log="$work/$profile-$label.log"
  echo "== $profile: $label"
  set +e
  "$java" $generator_opts -cp "$cp" io.funnelstream.benchmarks.webhook.WebhookLoadGenerator \
    label="$label" duration="$duration" "$@" | tee "$log"
  local rc=${PIPESTATUS[0]}
  set -e
  [ "$rc" -le 1 ] || die "the generator refused its arguments (exit $rc)"
  last_result="$(grep '^RESULT ' "$log" | tail -1 || true)"
  if [ "$label" != service-warm-up ] && [ -n "$last_result" ]; then
    echo "profile=$profile ${last_result#RESULT }" >> "$results"
  fi
  return 0
}

field() { sed -n "s/.* $2=\([^ ]*\).*/\1/p" <<<" $1"; }
half() { awk -v r="$1" 'BEGIN { h = int(r / 2); print (h < 1 ? 1 : h) }'; }
