#!/usr/bin/env bash
# End-to-end fault test, run by smoke.sh against its stack (SCHEDULING_URL, NOTIFIER_URL,
# CLINIC_RUN_DIR and the bootstrap admin come from there). Patients book through scheduling-api and
# must each get their in-app notification from notifier:
#   1. RabbitMQ stopped while the bookings are made: the bookings succeed (the events wait in the
#      outbox) and every notification arrives once the broker is back;
#   2. notifier stopped while bookings are made: the events wait in its durable queue and every
#      notification arrives after it restarts;
#   3. across all three: the doctor writes a prescription in records-api (allowed because records-api
#      learned of the bookings) and the patient is told by notifier.
# Needs rabbitmqctl on this machine (the broker is stopped with stop_app and always restarted).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
run_dir=${CLINIC_RUN_DIR:?run by smoke.sh}
api=${SCHEDULING_URL:?}/api/v1
notifier=${NOTIFIER_URL:?}
records=${RECORDS_URL:?}
suffix=$(date +%s%N)
log() { echo "[faults] $*"; }
fail() { echo "[faults] FAILED: $*" >&2; exit 1; }
command -v rabbitmqctl >/dev/null || fail "rabbitmqctl is needed to stop and start the broker"

broker_stopped=false
restore_broker() { if [[ $broker_stopped == true ]]; then rabbitmqctl start_app >/dev/null 2>&1 || true; fi; }
trap restore_broker EXIT

json() { curl -sS --fail-with-body -H 'Content-Type: application/json' "$@"; }
login() { json -d "{\"email\":\"$1\",\"password\":\"$2\"}" "$api/auth/login" | jq -r .accessToken; }

admin=$(login "$CLINIC_BOOTSTRAP_ADMIN_EMAIL" "$CLINIC_BOOTSTRAP_ADMIN_PASSWORD")
location=$(json -H "Authorization: Bearer $admin" -d '{"name":"Fault Clinic","timeZone":"Etc/UTC"}' "$api/locations" | jq -r .id)
specialization=$(json -H "Authorization: Bearer $admin" -d "{\"code\":\"faults-$suffix\",\"name\":\"Faults\"}" \
  "$api/specializations" | jq -r .id)
doctor=$(json -H "Authorization: Bearer $admin" -d "{\"firstName\":\"Fault\",\"lastName\":\"Tester\",
  \"licenseNumber\":\"F-$suffix\",\"specializationIds\":[\"$specialization\"],\"defaultVisitMinutes\":30,
  \"requiresAcceptance\":false,\"minNoticeMinutes\":0,\"languages\":[\"en\"],
  \"account\":{\"email\":\"fault.doctor.$suffix@clinic.test\",\"password\":\"stethoscope and rhythm\"}}" \
  "$api/doctors" | jq -r .id)
for day in MONDAY TUESDAY WEDNESDAY THURSDAY FRIDAY SATURDAY SUNDAY; do
  json -H "Authorization: Bearer $admin" -d "{\"dayOfWeek\":\"$day\",\"startTime\":\"08:00\",\"endTime\":\"20:00\",
    \"slotMinutes\":30,\"locationId\":\"$location\"}" "$api/doctors/$doctor/availability" > /dev/null
done
mapfile -t slots < <(json -H "Authorization: Bearer $admin" "$api/slots?specialization=$specialization&limit=12" | jq -r '.[].start')
((${#slots[@]} >= 6)) || fail "expected free slots, got ${#slots[@]}"

declare -a tokens patients
for i in 0 1 2; do
  registered=$(json -d "{\"email\":\"faults.$suffix.$i@example.org\",\"password\":\"fault test passphrase\",
    \"firstName\":\"Pat$i\",\"lastName\":\"Faults\",\"dateOfBirth\":\"1980-01-0$((i + 1))\"}" "$api/auth/register")
  tokens[i]=$(jq -r .accessToken <<< "$registered")
  patients[i]=$(curl -fsS -H "Authorization: Bearer ${tokens[i]}" "$api/auth/me" | jq -r .patientId)
done

book() { # patient-index slot-index -> prints the HTTP status
  curl -s -o /dev/null -w '%{http_code}' -H 'Content-Type: application/json' -H "Authorization: Bearer ${tokens[$1]}" \
    -d "{\"doctorId\":\"$doctor\",\"patientId\":\"${patients[$1]}\",\"start\":\"${slots[$2]}\"}" "$api/appointments"
}
notifications() { # patient-index -> number of in-app notifications (0 while notifier is unreachable)
  curl -fsS -H "Authorization: Bearer ${tokens[$1]}" "$notifier/api/v1/notifications" 2>/dev/null | jq -r '.totalItems // 0' || echo 0
}
wait_for_notifications() { # expected-per-patient seconds
  local deadline=$((SECONDS + $2)) i ok
  while ((SECONDS < deadline)); do
    ok=true
    for i in 0 1 2; do (($(notifications "$i") >= $1)) || ok=false; done
    [[ $ok == true ]] && return 0
    sleep 1
  done
  for i in 0 1 2; do echo "[faults] patient $i has $(notifications "$i") notifications, expected $1" >&2; done
  return 1
}

log "1. stopping RabbitMQ, then booking"
broker_stopped=true
rabbitmqctl stop_app >/dev/null
for i in 0 1 2; do
  status=$(book "$i" "$i")
  [[ $status == 201 ]] || fail "booking during the broker outage answered $status"
done
log "   3 bookings accepted while the broker was down; starting RabbitMQ"
rabbitmqctl start_app >/dev/null
broker_stopped=false
wait_for_notifications 1 90 || fail "notifications of bookings made during the outage did not all arrive"
log "   OK: every patient was notified after the broker came back"

log "2. stopping notifier, then booking"
pid=$(cat "$run_dir/notifier.pid")
kill "$pid"
for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
! kill -0 "$pid" 2>/dev/null || fail "notifier did not stop"
for i in 0 1 2; do
  status=$(book "$i" "$((i + 3))")
  [[ $status == 201 ]] || fail "booking while notifier was down answered $status"
done
queued() { rabbitmqctl list_queues -q -p "${RABBITMQ_VHOST:-/}" name messages 2>/dev/null | awk '$1 == "notifier.events" { print $2 }'; }
for _ in $(seq 1 60); do (($(queued || echo 0) >= 3)) && break; sleep 0.5; done
(($(queued || echo 0) >= 3)) || fail "the 3 booking events are not waiting in notifier.events (found $(queued))"
log "   3 bookings made while notifier was down, their events wait in notifier.events; starting it again"
bash "$here/up.sh" >/dev/null
wait_for_notifications 2 60 || fail "notifications queued while notifier was down did not all arrive"
log "   OK: the queued events were all delivered after the restart"

log "3. the doctor prescribes in records-api; the patient is told"
doctor_token=$(login "fault.doctor.$suffix@clinic.test" "stethoscope and rhythm")
prescription='{"status":"ACTIVE","content":{"lines":[{"medicine":"Amoxicillin","strength":"500 mg","dose":"1 capsule",
  "route":"ORAL","frequency":"every 8 hours","durationDays":7,"quantity":21,"refills":0}]}}'
status=000
for _ in $(seq 1 30); do # records-api learns of the bookings asynchronously
  status=$(curl -s -o /dev/null -w '%{http_code}' -H 'Content-Type: application/json' -H "Authorization: Bearer $doctor_token" \
    -d "$prescription" "$records/api/v1/patients/${patients[0]}/prescriptions")
  [[ $status == 201 ]] && break
  sleep 1
done
[[ $status == 201 ]] || fail "the doctor could not prescribe for their patient (answered $status)"
for _ in $(seq 1 30); do
  told=$(curl -fsS -H "Authorization: Bearer ${tokens[0]}" "$notifier/api/v1/notifications" | jq -r '[.items[].message] | index("prescription-issued") != null')
  [[ $told == true ]] && { log "   OK: records-api -> outbox -> RabbitMQ -> notifier -> the patient's notifications"; exit 0; }
  sleep 1
done
fail "the prescription-issued notification did not reach the patient"
