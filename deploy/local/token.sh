#!/usr/bin/env bash
# Prints a short-lived access token signed with the local demo key (deploy/local/.run/keys), for
# trying the API with curl before accounts exist:  curl -H "Authorization: Bearer $(deploy/local/token.sh ADMIN)" ...
# Usage: [PATIENT_ID=uuid] [DOCTOR_ID=uuid] token.sh [ROLE...]   (default ADMIN; roles: PATIENT DOCTOR
# STAFF ADMIN; PATIENT_ID/DOCTOR_ID add the claims that tie a PATIENT or DOCTOR token to its record)
# Local use only: production tokens come from scheduling-api's login or an OpenID Connect provider.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
key=${CLINIC_RUN_DIR:-$here/.run}/keys/private.pem
[[ -s $key ]] || { echo "no demo key at $key: run deploy/local/up.sh first" >&2; exit 1; }
(($# > 0)) || set -- ADMIN

b64url() { base64 -w0 | tr '+/' '-_' | tr -d '='; }
groups=$(printf '"%s",' "$@"); groups=[${groups%,}]
now=$(date +%s)
header=$(printf '{"alg":"RS256","typ":"JWT"}' | b64url)
links=${PATIENT_ID:+,\"patient_id\":\"$PATIENT_ID\"}${DOCTOR_ID:+,\"doctor_id\":\"$DOCTOR_ID\"}
payload=$(printf '{"iss":"%s","sub":"%s","upn":"demo@clinic.local","groups":%s,"iat":%d,"exp":%d,"jti":"%s"%s}' \
  "${JWT_ISSUER:-https://clinic.local}" "$(cat /proc/sys/kernel/random/uuid)" "$groups" \
  "$now" $((now + 900)) "$(cat /proc/sys/kernel/random/uuid)" "$links" | b64url)
signature=$(printf '%s.%s' "$header" "$payload" | openssl dgst -sha256 -sign "$key" | b64url)
printf '%s.%s.%s\n' "$header" "$payload" "$signature"
