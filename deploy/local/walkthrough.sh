#!/usr/bin/env bash
# The README's walkthrough as a script, against a stack started by up.sh: create a doctor with
# availability, find a slot, book it as a patient, confirm it as the doctor. Needs curl and jq.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
run_dir=${CLINIC_RUN_DIR:-$here/.run}
api=${CLINIC_API:-http://localhost:8081/api/v1}
admin_email=${CLINIC_BOOTSTRAP_ADMIN_EMAIL:-admin@clinic.local}
admin_password=${CLINIC_BOOTSTRAP_ADMIN_PASSWORD:-$(cat "$run_dir/admin-password")}
suffix=$(date +%s)
json() { curl -fsS -H 'Content-Type: application/json' "$@"; }
login() { json -d "{\"email\":\"$1\",\"password\":\"$2\"}" "$api/auth/login" | jq -r .accessToken; }

# 1. The admin adds a location, a specialization and a doctor who confirms bookings by hand.
admin=$(login "$admin_email" "$admin_password")
location=$(json -H "Authorization: Bearer $admin" -d '{"name":"Clinica Central","timeZone":"Europe/Lisbon"}' \
  "$api/locations" | jq -r .id)
specialization=$(json -H "Authorization: Bearer $admin" -d "{\"code\":\"cardiology-$suffix\",\"name\":\"Cardiology\"}" \
  "$api/specializations" | jq -r .id)
doctor=$(json -H "Authorization: Bearer $admin" -d "{\"firstName\":\"Rita\",\"lastName\":\"Lopes\",
  \"licenseNumber\":\"OM-$suffix\",\"specializationIds\":[\"$specialization\"],\"defaultVisitMinutes\":30,
  \"requiresAcceptance\":true,\"languages\":[\"pt\",\"en\"]}" "$api/doctors" | jq -r .id)
# ... with a login of her own, linked to her profile
json -H "Authorization: Bearer $admin" -d "{\"email\":\"rita.lopes.$suffix@clinic.local\",
  \"password\":\"heart rhythm passphrase\",\"firstName\":\"Rita\",\"lastName\":\"Lopes\",\"roles\":[\"DOCTOR\"],
  \"doctorId\":\"$doctor\"}" "$api/users" > /dev/null

# 2. Weekday mornings, 09:00-13:00 Lisbon time, 30-minute slots.
for day in MONDAY TUESDAY WEDNESDAY THURSDAY FRIDAY; do
  json -H "Authorization: Bearer $admin" -d "{\"dayOfWeek\":\"$day\",\"startTime\":\"09:00\",\"endTime\":\"13:00\",
    \"slotMinutes\":30,\"locationId\":\"$location\"}" "$api/doctors/$doctor/availability" > /dev/null
done

# 3. A patient registers, finds the next free cardiology slot and books it.
patient=$(json -d "{\"email\":\"walk.$suffix@example.org\",\"password\":\"my long passphrase\",\"firstName\":\"Rui\",
  \"lastName\":\"Alves\",\"dateOfBirth\":\"1984-06-02\"}" "$api/auth/register")
patient_token=$(jq -r .accessToken <<< "$patient")
patient_id=$(curl -fsS -H "Authorization: Bearer $patient_token" "$api/auth/me" | jq -r .patientId)
slot=$(curl -fsS -H "Authorization: Bearer $patient_token" "$api/slots?specialization=$specialization&limit=1" \
  | jq -r '.[0].start')
appointment=$(json -H "Authorization: Bearer $patient_token" -H "Idempotency-Key: walk-$suffix" \
  -d "{\"doctorId\":\"$doctor\",\"patientId\":\"$patient_id\",\"start\":\"$slot\",\"reason\":\"Check-up\"}" \
  "$api/appointments")
echo "booked:    $(jq -c '{id, start, status}' <<< "$appointment")"

# 4. The doctor confirms it.
doctor_token=$(login "rita.lopes.$suffix@clinic.local" "heart rhythm passphrase")
confirmed=$(json -X PUT -H "Authorization: Bearer $doctor_token" -d '{"status":"CONFIRMED"}' \
  "$api/appointments/$(jq -r .id <<< "$appointment")/status")
echo "confirmed: $(jq -c '{id, start, status, fhirStatus}' <<< "$confirmed")"
