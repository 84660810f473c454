# Shared by the benchmark scripts (sourced, not run). Expects $here (deploy/bench) and $root.

# Start-up runs use the test databases and a key pair of their own: no state of deploy/local is touched.
bench_keys=$here/.work/keys
declare -A bench_db=([scheduling-api]=scheduling_test [records-api]=records_test [notifier]=notifier_test)
bench_records_key="bench-1:$(openssl rand -base64 32)"

bench_prepare_keys() {
  if [[ ! -s $bench_keys/public.pem ]]; then
    mkdir -p "$bench_keys"
    openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$bench_keys/private.pem" 2>/dev/null
    openssl pkey -in "$bench_keys/private.pem" -pubout -out "$bench_keys/public.pem"
  fi
}

# bench_launch java app-dir service port log [jvm-args...] -> starts the service, prints its pid
bench_launch() {
  local java=$1 dir=$2 svc=$3 port=$4 log=$5; shift 5
  PORT=$port DB_NAME=${bench_db[$svc]} RABBITMQ_VHOST=clinic-test REDIS_URL=redis://127.0.0.1:6379/1 \
  MIGRATE_AT_START=false QUARKUS_LOG_CONSOLE_JSON_ENABLED=false \
  JWT_PUBLIC_KEY_LOCATION=file:$bench_keys/public.pem JWT_PRIVATE_KEY_LOCATION=file:$bench_keys/private.pem \
  RECORDS_ENCRYPTION_KEYS=$bench_records_key RECORDS_ENCRYPTION_ACTIVE_KEY=${bench_records_key%%:*} \
    "$java" -Xmx358m "$@" -jar "$dir/quarkus-run.jar" >"$log" 2>&1 &
  echo $!
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
