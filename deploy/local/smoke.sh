#!/usr/bin/env bash
# End-to-end check of the packaged services together, through the real broker: starts all three
# (own ports, test databases and test virtual host, so a running local stack is not disturbed),
# creates a specialization in scheduling-api and waits until notifier and records-api have
# consumed its event (outbox -> relay -> clinic.events -> their queues). The admin signs in through
# the real login. Then faults.sh books appointments through a RabbitMQ outage and a notifier
# restart and checks every notification arrives. Stops the services afterwards.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
export CLINIC_RUN_DIR=$here/.run/smoke
export CLINIC_PORT_BASE=${CLINIC_SMOKE_PORT_BASE:-18080}
export CLINIC_DB_SUFFIX=_test
export RABBITMQ_VHOST=clinic-test
export REDIS_URL=${REDIS_URL:-redis://127.0.0.1:6379}/1
# The test databases' admin: the one the test suite bootstraps (scheduling-api application.properties).
export CLINIC_BOOTSTRAP_ADMIN_EMAIL=bootstrap-admin@clinic.test
export CLINIC_BOOTSTRAP_ADMIN_PASSWORD='bootstrap admin passphrase'
# Every call of the smoke and fault tests comes from 127.0.0.1: lift the per-address limits.
export CLINIC_IDENTITY_LIMITS_REGISTRATIONS_PER_ADDRESS=10000 CLINIC_IDENTITY_LIMITS_LOGINS_PER_ADDRESS=10000
export CLINIC_RATE_LIMIT_API_PER_ADDRESS=100000
scheduling=http://127.0.0.1:$((CLINIC_PORT_BASE + 1))
records=http://127.0.0.1:$((CLINIC_PORT_BASE + 2))
notifier=http://127.0.0.1:$((CLINIC_PORT_BASE + 3))
event_type=clinic.scheduling.specialization.created.v1

trap 'bash "$here/down.sh" >/dev/null' EXIT
bash "$here/up.sh" >/dev/null

consumed() { # service-url: events of $event_type consumed so far
  # OpenMetrics exemplars (after " # ") dropped, so that the count is the last field.
  curl -fsS "$1/q/metrics" | sed 's/ # .*//' | awk -v t="$event_type" \
    'index($0, "clinic_events_consumed_total{") == 1 && index($0, "type=\"" t "\"") { n += $NF } END { printf "%d", n }'
}
fail() { echo "[smoke] FAILED: $*" >&2; exit 1; }

status=$(curl -s -o /dev/null -w '%{http_code}' "$scheduling/api/v1/specializations")
[[ $status == 401 ]] || fail "anonymous request answered $status, expected 401"

before_notifier=$(consumed "$notifier")
before_records=$(consumed "$records")
code=smoke-$(date +%s%N)
admin_token=$(curl -fsS -H 'Content-Type: application/json' \
  -d "{\"email\":\"$CLINIC_BOOTSTRAP_ADMIN_EMAIL\",\"password\":\"$CLINIC_BOOTSTRAP_ADMIN_PASSWORD\"}" \
  "$scheduling/api/v1/auth/login" | sed -E 's/.*"accessToken":"([^"]+)".*/\1/') || fail "the bootstrap admin cannot log in"
response=$(curl -fsS -H "Authorization: Bearer $admin_token" -H 'Content-Type: application/json' \
  -d "{\"code\":\"$code\",\"name\":\"Smoke test\"}" "$scheduling/api/v1/specializations") \
  || fail "creating a specialization failed"
echo "[smoke] created $response"

delivered=false
for _ in $(seq 1 30); do
  if (($(consumed "$notifier") > before_notifier && $(consumed "$records") > before_records)); then
    echo "[smoke] OK: the event went from scheduling-api's outbox through RabbitMQ to notifier and records-api"
    delivered=true
    break
  fi
  sleep 1
done
[[ $delivered == true ]] || fail "event $event_type not consumed by both notifier and records-api within 30 s"

# Bookings reach patients as notifications, also across a broker outage and a notifier restart.
SCHEDULING_URL=$scheduling RECORDS_URL=$records NOTIFIER_URL=$notifier bash "$here/faults.sh"

# The demo doctors can act as doctors: their logins are linked to their profiles (seed.sh). Asked
# of the admin: the test databases keep demo accounts whose password an earlier run dir chose.
linked=$(curl -fsS -H "Authorization: Bearer $admin_token" "$scheduling/api/v1/users?email=dr.ines.moreira@clinic.local" \
  | jq -r '.items[0].doctorId') || fail "cannot read the demo doctor's account"
[[ $linked =~ ^[0-9a-f-]{36}$ ]] || fail "the demo doctor's login is not linked to a doctor profile ($linked)"
curl -fsS -o /dev/null -H "Authorization: Bearer $admin_token" "$scheduling/api/v1/doctors/$linked" \
  || fail "the demo doctor's linked profile $linked cannot be read"
echo "[smoke] OK: the demo doctor's login is linked to profile $linked"

# A bootstrap admin the password policy refuses stops scheduling-api with the reason, on a new
# database (up.sh then fails instead of announcing a platform nobody can administer). Same
# command line and environment as the running scheduling-api, but its own database and port.
check_db=scheduling_bootstrap_check
psql -h "${DB_HOST:-127.0.0.1}" -p "${DB_PORT:-5432}" -U "${PG_SUPERUSER:-postgres}" -d postgres -qtA \
  -c "drop database if exists $check_db" -c "create database $check_db owner scheduling" >/dev/null
pid=$(cat "$CLINIC_RUN_DIR/scheduling-api.pid")
mapfile -d '' command_line < "/proc/$pid/cmdline"
mapfile -d '' environment < "/proc/$pid/environ"
check_log=$CLINIC_RUN_DIR/logs/bootstrap-check.log
if env -i "${environment[@]}" PORT=$((CLINIC_PORT_BASE + 9)) DB_NAME=$check_db \
    CLINIC_BOOTSTRAP_ADMIN_EMAIL=admin@clinic.test CLINIC_BOOTSTRAP_ADMIN_PASSWORD=short \
    timeout 120 "${command_line[@]}" > "$check_log" 2>&1; then
  fail "scheduling-api started with a bootstrap admin password the policy refuses"
fi
grep -q 'Bootstrap admin from CLINIC_BOOTSTRAP_ADMIN_EMAIL refused' "$check_log" \
  || fail "scheduling-api stopped without saying the bootstrap admin was refused (see $check_log)"
psql -h "${DB_HOST:-127.0.0.1}" -p "${DB_PORT:-5432}" -U "${PG_SUPERUSER:-postgres}" -d postgres -qtA \
  -c "drop database if exists $check_db" >/dev/null
echo "[smoke] OK: a refused bootstrap admin stops scheduling-api with the reason"
