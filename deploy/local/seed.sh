#!/usr/bin/env bash
# Seeds demo data into a running scheduling-api (called by up.sh): a location and a specialization,
# two doctors with weekday hours and their logins linked to their profiles, a staff member, all
# created by the bootstrap admin, and two self-registered patients. Idempotent: what exists is
# kept, and doctor logins an older seed left unlinked are linked. Fails (exit 1) with the reason
# when something cannot be seeded. One generated password for all demo accounts is kept in the
# run directory. Local demo only; needs curl only.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
run_dir=${CLINIC_RUN_DIR:-$here/.run}
api=${1:-http://127.0.0.1:8081}/api/v1
[[ -s $run_dir/demo-password ]] || (umask 077; openssl rand -base64 18 | tr -d '/+=' > "$run_dir/demo-password")
password="demo $(cat "$run_dir/demo-password")"

fail() { echo "[seed] ERROR: $*" >&2; exit 1; }
# call METHOD path [json] [extra curl args...]: the body on stdout, the status in $status
call() {
  local method=$1 path=$2 body=${3:-} out
  shift 3 || shift $#
  out=$(curl -s -w '\n%{http_code}' -X "$method" -H 'Content-Type: application/json' \
    ${token:+-H "Authorization: Bearer $token"} ${body:+-d "$body"} "$@" "$api$path") || fail "$api unreachable"
  status=${out##*$'\n'}
  response=${out%$'\n'*}
}
expect() { # statuses... : fails unless $status is one of them
  local s
  for s in "$@"; do [[ $status == "$s" ]] && return 0; done
  fail "$what answered $status: $response"
}
field() { # name: the first "name":"value" of $response
  grep -o "\"$1\":\"[^\"]*\"" <<< "$response" | head -1 | cut -d'"' -f4 || true
}

find_listed() { # path "field":"value": the id of the listed item holding it, page by page
  local page=0 id
  while :; do
    call GET "$1$([[ $1 == *\?* ]] && echo '&' || echo '?')size=100&page=$page"; expect 200
    id=$(grep -o "\"id\":\"[^\"]*\",$2" <<< "$response" | head -1 | cut -d'"' -f4 || true)
    if [[ -n $id || $response != *'"id":'* ]]; then echo "$id"; return 0; fi
    page=$((page + 1))
  done
}

token=
what="the admin's login ($CLINIC_BOOTSTRAP_ADMIN_EMAIL)"
call POST /auth/login "{\"email\":\"$CLINIC_BOOTSTRAP_ADMIN_EMAIL\",\"password\":\"$CLINIC_BOOTSTRAP_ADMIN_PASSWORD\"}"
expect 200
token=$(field accessToken)

what="the demo location"
location=$(find_listed /locations '"name":"Clinica Demo"')
if [[ -z $location ]]; then
  call POST /locations '{"name":"Clinica Demo","timeZone":"Europe/Lisbon"}'; expect 201
  location=$(field id)
fi
what="the demo specialization"
call POST /specializations '{"code":"general-practice","name":"General practice"}'; expect 201 409
specialization=$(find_listed /specializations '"code":"general-practice"')
[[ -n $specialization ]] || fail "specialization general-practice not found after creating it: $response"

accounts=$run_dir/demo-accounts.txt
: > "$accounts"

link_login() { # email doctor-id: links an existing, unlinked DOCTOR login to the profile
  what="the login $1"
  call GET "/users?email=$1"; expect 200
  local id linked etag
  id=$(field id); linked=$(field doctorId)
  [[ -n $id ]] || fail "no login $1 to link"
  [[ $linked == "$2" ]] && return 0
  call GET "/users/$id" "" -D "$run_dir/.headers"; expect 200
  etag=$(grep -i '^etag:' "$run_dir/.headers" | cut -d' ' -f2 | tr -d '\r')
  rm -f "$run_dir/.headers"
  call PUT "/users/$id" "{\"firstName\":\"$3\",\"lastName\":\"$4\",\"roles\":[\"DOCTOR\"],\"doctorId\":\"$2\",\"enabled\":true}" \
    -H "If-Match: $etag"
  expect 200
}

while IFS='|' read -r email first last license; do
  what="doctor $first $last"
  doctor=$(find_listed "/doctors?name=$last" "\"firstName\":\"$first\",\"lastName\":\"$last\",\"licenseNumber\":\"$license\"")
  if [[ -z $doctor ]]; then
    profile="\"firstName\":\"$first\",\"lastName\":\"$last\",\"licenseNumber\":\"$license\",
      \"specializationIds\":[\"$specialization\"],\"defaultVisitMinutes\":30,\"languages\":[\"pt\",\"en\"]"
    call POST /doctors "{$profile,\"account\":{\"email\":\"$email\",\"password\":\"$password\"}}"; expect 201 409
    if [[ $status == 409 ]]; then # a login from an older seed: add the profile alone, then link
      call POST /doctors "{$profile}"; expect 201
    fi
    doctor=$(field id)
    for day in MONDAY TUESDAY WEDNESDAY THURSDAY FRIDAY; do
      call POST "/doctors/$doctor/availability" "{\"dayOfWeek\":\"$day\",\"startTime\":\"09:00\",\"endTime\":\"17:00\",
        \"slotMinutes\":30,\"locationId\":\"$location\"}"
      expect 201
    done
  fi
  link_login "$email" "$doctor" "$first" "$last"
  printf '%-8s %s\n' DOCTOR "$email" >> "$accounts"
done <<'DOCTORS'
dr.ines.moreira@clinic.local|Ines|Moreira|DEMO-OM-1
dr.tiago.ramos@clinic.local|Tiago|Ramos|DEMO-OM-2
DOCTORS

what="the staff account"
call POST /users "{\"email\":\"front.desk@clinic.local\",\"password\":\"$password\",\"firstName\":\"Carla\",\"lastName\":\"Nunes\",\"roles\":[\"STAFF\"]}"
expect 201 409
printf '%-8s %s\n' STAFF front.desk@clinic.local >> "$accounts"

while IFS='|' read -r email first last birth; do
  what="patient $email"
  call GET "/users?email=$email"; expect 200
  if [[ -n $(field id) ]]; then
    printf '%-8s %s\n' PATIENT "$email" >> "$accounts"
    continue
  fi
  token= call POST /auth/register "{\"email\":\"$email\",\"password\":\"$password\",\"firstName\":\"$first\",\"lastName\":\"$last\",\"dateOfBirth\":\"$birth\"}"
  expect 201 409
  printf '%-8s %s\n' PATIENT "$email" >> "$accounts"
done <<'PATIENTS'
ana.silva@example.org|Ana|Silva|1987-04-12
joao.pereira@example.org|Joao|Pereira|1959-11-30
PATIENTS
printf 'password  %s\n' "$password" >> "$accounts"
