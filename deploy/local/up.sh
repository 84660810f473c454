#!/usr/bin/env bash
# Runs the whole platform on this machine without containers: makes PostgreSQL, RabbitMQ and Redis
# available (infra.sh), generates a demo JWT key pair once, builds the services if they are not
# built, starts them in the background and waits until each is ready. Idempotent: services that
# already run are left alone. Stop them with deploy/local/down.sh.
#
# Optional environment: CLINIC_RUN_DIR (state, logs, keys; default deploy/local/.run),
# CLINIC_PORT_BASE (default 8080: the services listen on base+1..3), JAVA_OPTS (default: the heap
# the Knative manifests give: 47 % of their 640 MiB limit, sized as the pod sizes it), and every variable
# of the README's configuration table.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
run_dir=${CLINIC_RUN_DIR:-$here/.run}
port_base=${CLINIC_PORT_BASE:-8080}
mkdir -p "$run_dir/logs" "$run_dir/keys"

# Start order matters on a new installation: consumers declare their queues before the producer
# publishes anything (see deploy/events.md).
services=(records-api notifier scheduling-api)
declare -A offset=([scheduling-api]=1 [records-api]=2 [notifier]=3)
declare -A database=([scheduling-api]=scheduling [records-api]=records [notifier]=notifier)

bash "$here/infra.sh"

keys=$run_dir/keys
if [[ ! -s $keys/private.pem || ! -s $keys/public.pem ]]; then
  echo "[up] generating a local demo JWT key pair in $keys"
  openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$keys/private.pem" 2>/dev/null
  openssl pkey -in "$keys/private.pem" -pubout -out "$keys/public.pem"
  chmod 600 "$keys/private.pem"
fi

# Local event signing keys (deploy/events.md, "Trust"): one Ed25519 pair per producer, generated
# once; each producer signs with its own, the consumers verify with the public halves.
declare -A event_key=()
for producer in scheduling records; do
  if [[ ! -s $keys/events-$producer.pem ]]; then
    (umask 077; openssl genpkey -algorithm ed25519 -out "$keys/events-$producer.pem" 2>/dev/null)
  fi
  event_key[$producer]=$(openssl pkey -in "$keys/events-$producer.pem" -outform DER | base64 -w0)
done
export EVENT_PUBLIC_KEYS_SCHEDULING=${EVENT_PUBLIC_KEYS_SCHEDULING:-$(openssl pkey -in "$keys/events-scheduling.pem" -pubout -outform DER | base64 -w0)}
export EVENT_PUBLIC_KEYS_RECORDS=${EVENT_PUBLIC_KEYS_RECORDS:-$(openssl pkey -in "$keys/events-records.pem" -pubout -outform DER | base64 -w0)}
declare -A signing_key=([scheduling-api]=${event_key[scheduling]} [records-api]=${event_key[records]} [notifier]=)

# Local demo key for records-api's encryption at rest, generated once and kept in the run dir.
if [[ -z ${RECORDS_ENCRYPTION_KEYS:-} ]]; then
  [[ -s $run_dir/records-key ]] || (umask 077; echo "local-1:$(openssl rand -base64 32)" > "$run_dir/records-key")
  RECORDS_ENCRYPTION_KEYS=$(cat "$run_dir/records-key")
  RECORDS_ENCRYPTION_ACTIVE_KEY=${RECORDS_ENCRYPTION_KEYS%%:*}
fi
export RECORDS_ENCRYPTION_KEYS RECORDS_ENCRYPTION_ACTIVE_KEY

# Local demo admin: the environment's values if set, else one generated password kept in the run dir.
export CLINIC_BOOTSTRAP_ADMIN_EMAIL=${CLINIC_BOOTSTRAP_ADMIN_EMAIL:-admin@clinic.local}
if [[ -z ${CLINIC_BOOTSTRAP_ADMIN_PASSWORD:-} ]]; then
  [[ -s $run_dir/admin-password ]] || (umask 077; openssl rand -base64 18 | tr -d '/+=' > "$run_dir/admin-password")
  CLINIC_BOOTSTRAP_ADMIN_PASSWORD=$(cat "$run_dir/admin-password")
fi
export CLINIC_BOOTSTRAP_ADMIN_PASSWORD

built=true
for svc in "${services[@]}"; do
  [[ -f $root/$svc/target/quarkus-app/quarkus-run.jar ]] || built=false
done
if [[ $built == false ]]; then
  echo "[up] building the services (first run only; takes a few minutes)"
  (cd "$root" && ./mvnw -B -q -DskipTests package)
fi

is_running() { [[ -f $run_dir/$1.pid ]] && kill -0 "$(cat "$run_dir/$1.pid")" 2>/dev/null; }

wait_ready() { # service port
  local i
  for ((i = 0; i < 120; i++)); do
    if curl -fs -o /dev/null "http://127.0.0.1:$2/q/health/ready"; then return 0; fi
    if ! is_running "$1"; then break; fi
    sleep 1
  done
  echo "[up] $1 did not become ready; last lines of $run_dir/logs/$1.log:" >&2
  tail -n 30 "$run_dir/logs/$1.log" >&2
  return 1
}

for svc in "${services[@]}"; do
  port=$((port_base + offset[$svc]))
  if is_running "$svc"; then
    echo "[up] $svc already running (pid $(cat "$run_dir/$svc.pid"))"
  else
    echo "[up] starting $svc on port $port"
    # Local demo: readable logs, migrations at start (production runs them as a Job), e-mail kept
    # in notifier's mock mailbox unless MAIL_MOCK=false and SMTP_HOST point at a real server.
    PORT=$port \
    DB_NAME=${database[$svc]}${CLINIC_DB_SUFFIX:-} \
    MIGRATE_AT_START=true \
    MAIL_MOCK=${MAIL_MOCK:-true} \
    QUARKUS_LOG_CONSOLE_JSON_ENABLED=${QUARKUS_LOG_CONSOLE_JSON_ENABLED:-false} \
    JWT_PUBLIC_KEY_LOCATION=${JWT_PUBLIC_KEY_LOCATION:-file:$keys/public.pem} \
    JWT_PRIVATE_KEY_LOCATION=${JWT_PRIVATE_KEY_LOCATION:-file:$keys/private.pem} \
    EVENT_SIGNING_KEY=${signing_key[$svc]} \
      nohup java ${JAVA_OPTS:--XX:MaxRAM=640m -XX:MaxRAMPercentage=47 -XX:InitialRAMPercentage=6 -XX:+ExitOnOutOfMemoryError} -jar "$root/$svc/target/quarkus-app/quarkus-run.jar" \
      > "$run_dir/logs/$svc.log" 2>&1 &
    echo $! > "$run_dir/$svc.pid"
  fi
  wait_ready "$svc" "$port"
done

bash "$here/seed.sh" "http://127.0.0.1:$((port_base + 1))"

cat <<INFO

Clinic platform is up.
  scheduling-api  http://localhost:$((port_base + 1))   API docs: http://localhost:$((port_base + 1))/q/swagger-ui
  records-api     http://localhost:$((port_base + 2))   API docs: http://localhost:$((port_base + 2))/q/swagger-ui
  notifier        http://localhost:$((port_base + 3))   API docs: http://localhost:$((port_base + 3))/q/swagger-ui
  health:  /q/health/ready   metrics: /q/metrics   OpenAPI: /q/openapi
  logs:    $run_dir/logs/<service>.log
  admin:   $CLINIC_BOOTSTRAP_ADMIN_EMAIL / $CLINIC_BOOTSTRAP_ADMIN_PASSWORD
  demo accounts (password in $run_dir/demo-password): see $run_dir/demo-accounts.txt
  JWT demo keys: $keys
  stop:    deploy/local/down.sh
INFO
