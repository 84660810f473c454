# Shared by the benchmark scripts (sourced, not run). Expects $here (deploy/bench) and $root.

# Start-up runs use databases and a key pair of their own: neither deploy/local's state nor the test
# suite's databases are touched. They share the tests' RabbitMQ virtual host and Redis database:
# do not run a benchmark and the tests at the same time. The start-up floor (floor/) connects to scheduling-api's.
bench_keys=$here/.work/keys
declare -A bench_db=([scheduling-api]=bench_scheduling [records-api]=bench_records [notifier]=bench_notifier
  [startup-floor]=bench_scheduling)
declare -A bench_role=([scheduling-api]=scheduling [records-api]=records [notifier]=notifier)
bench_records_key="bench-1:$(openssl rand -base64 32)"

bench_prepare_keys() {
  if [[ ! -s $bench_keys/public.pem ]]; then
    mkdir -p "$bench_keys"
    openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$bench_keys/private.pem" 2>/dev/null
    openssl pkey -in "$bench_keys/private.pem" -pubout -out "$bench_keys/public.pem"
  fi
  # One event signing key for both producers here (deploy/events.md, "Trust"): a producer without
  # one is not ready.
  [[ -s $bench_keys/events.pem ]] || (umask 077; openssl genpkey -algorithm ed25519 -out "$bench_keys/events.pem" 2>/dev/null)
  bench_event_key=$(openssl pkey -in "$bench_keys/events.pem" -outform DER | base64 -w0)
  bench_event_public_key=$(openssl pkey -in "$bench_keys/events.pem" -pubout -outform DER | base64 -w0)
}

# bench_launch java app-dir service port log [jvm-args...] -> starts the service, prints its pid
bench_launch() {
  local java=$1 dir=$2 svc=$3 port=$4 log=$5; shift 5
  PORT=$port DB_NAME=${bench_db[$svc]} RABBITMQ_VHOST=clinic-test REDIS_URL=redis://127.0.0.1:6379/1 \
  MIGRATE_AT_START=false QUARKUS_LOG_CONSOLE_JSON_ENABLED=false \
  JWT_PUBLIC_KEY_LOCATION=file:$bench_keys/public.pem JWT_PRIVATE_KEY_LOCATION=file:$bench_keys/private.pem \
  EVENT_SIGNING_KEY=$bench_event_key EVENT_PUBLIC_KEYS_SCHEDULING=$bench_event_public_key \
  EVENT_PUBLIC_KEYS_RECORDS=$bench_event_public_key RECORDS_ENCRYPTION_KEYS=$bench_records_key RECORDS_ENCRYPTION_ACTIVE_KEY=${bench_records_key%%:*} \
    "$java" -XX:MaxRAM=640m -XX:MaxRAMPercentage=47 -XX:InitialRAMPercentage=6 "$@" -jar "$dir/quarkus-run.jar" >"$log" 2>&1 &
  echo $!
}

# bench_prepare_database java app-dir service -> creates the service's bench database when missing
# (owned by the service's role, as infra.sh creates the others) and brings its schema up to date with
# one start with migrations on (not measured)
bench_prepare_database() {
  local java=$1 dir=$2 svc=$3 db=${bench_db[$3]} pid
  local super=(psql -X -q -At -v ON_ERROR_STOP=1 -h "${PGHOST:-127.0.0.1}" -p "${PGPORT:-5432}" -U "${PGUSER:-postgres}" -d postgres)
  [[ -n $("${super[@]}" -c "select 1 from pg_database where datname = '$db'") ]] \
    || "${super[@]}" -c "create database $db owner ${bench_role[$svc]}" >/dev/null
  pid=$(bench_launch "$java" "$dir" "$svc" 18999 "$here/.work/$svc-migrate.log" -Dquarkus.flyway.migrate-at-start=true)
  bench_wait_ready "$pid" 18999 || { bench_stop "$pid"; echo "[bench] $svc did not start to migrate $db; see $here/.work/$svc-migrate.log" >&2; return 1; }
  bench_stop "$pid"
}

# bench_wait_ready pid port -> returns once /q/health/ready answers 200 (fails if the process died)
bench_wait_ready() {
  local _
  for _ in $(seq 1 3000); do
    curl -fs -o /dev/null "http://127.0.0.1:$2/q/health/ready" && return 0
    kill -0 "$1" 2>/dev/null || return 1
    sleep 0.01
  done
  return 1
}

# bench_gatling scenario users rate seconds log [maven-args...] -> one Gatling run (see gatling/)
bench_gatling() {
  local scenario=$1 users=$2 rate=$3 seconds=$4 log=$5; shift 5
  "$root/mvnw" -B -q -f "$here/gatling/pom.xml" gatling:test -Dbench.scenario="$scenario" -Dbench.users="$users" \
    -Dbench.rate="$rate" -Dbench.seconds="$seconds" -Dbench.baseUrl="${BENCH_API:-http://127.0.0.1:8081}" \
    -Dbench.data="$here/.work" -Dbench.privateKey="${CLINIC_RUN_DIR:-$root/deploy/local/.run}/keys/private.pem" \
    -Dbench.issuer="${JWT_ISSUER:-https://clinic.local}" -Dgatling.failOnError=false "$@" > "$log" 2>&1 || true
}

# bench_stop pid -> stops a launched service and waits until it is gone (it is not this shell's child)
bench_stop() {
  kill "$1" 2>/dev/null || return 0
  while kill -0 "$1" 2>/dev/null; do sleep 0.05; done
}
