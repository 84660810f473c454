#!/usr/bin/env bash
# Seeds demo accounts into a running scheduling-api (called by up.sh): two doctors and a staff
# member created by the bootstrap admin, two self-registered patients. Idempotent: existing
# accounts are left as they are. Prints the accounts; one generated password for all of them is
# kept in the run directory. Local demo only.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
run_dir=${CLINIC_RUN_DIR:-$here/.run}
api=${1:-http://127.0.0.1:8081}
[[ -s $run_dir/demo-password ]] || (umask 077; openssl rand -base64 18 | tr -d '/+=' > "$run_dir/demo-password")
password="demo $(cat "$run_dir/demo-password")"

post() { # path json [token] -> prints the HTTP status
  curl -s -o /dev/null -w '%{http_code}' -X POST -H 'Content-Type: application/json' \
    ${3:+-H "Authorization: Bearer $3"} -d "$2" "$api$1"
}

admin_token=$(curl -fsS -X POST -H 'Content-Type: application/json' \
  -d "{\"email\":\"$CLINIC_BOOTSTRAP_ADMIN_EMAIL\",\"password\":\"$CLINIC_BOOTSTRAP_ADMIN_PASSWORD\"}" \
  "$api/api/v1/auth/login" | sed -E 's/.*"accessToken":"([^"]+)".*/\1/') \
  || { echo "[seed] cannot log in as $CLINIC_BOOTSTRAP_ADMIN_EMAIL; demo accounts not seeded" >&2; exit 0; }

accounts=$run_dir/demo-accounts.txt
: > "$accounts"
while IFS='|' read -r email first last roles; do
  status=$(post /api/v1/users "{\"email\":\"$email\",\"password\":\"$password\",\"firstName\":\"$first\",\"lastName\":\"$last\",\"roles\":[\"$roles\"]}" "$admin_token")
  [[ $status == 201 || $status == 409 ]] || echo "[seed] creating $email answered $status" >&2
  printf '%-8s %s\n' "$roles" "$email" >> "$accounts"
done <<'ACCOUNTS'
dr.ines.moreira@clinic.local|Ines|Moreira|DOCTOR
dr.tiago.ramos@clinic.local|Tiago|Ramos|DOCTOR
front.desk@clinic.local|Carla|Nunes|STAFF
ACCOUNTS
while IFS='|' read -r email first last birth; do
  status=$(post /api/v1/auth/register "{\"email\":\"$email\",\"password\":\"$password\",\"firstName\":\"$first\",\"lastName\":\"$last\",\"dateOfBirth\":\"$birth\"}")
  [[ $status == 201 || $status == 409 ]] || echo "[seed] registering $email answered $status" >&2
  printf '%-8s %s\n' PATIENT "$email" >> "$accounts"
done <<'PATIENTS'
ana.silva@example.org|Ana|Silva|1987-04-12
joao.pereira@example.org|Joao|Pereira|1959-11-30
PATIENTS
printf 'password  %s\n' "$password" >> "$accounts"
