#!/usr/bin/env bash
# Report-upload flood against records-api: 40 parallel 10 MB uploads as a patient to their own
# record (read only: each must be refused before its body is read), then 40 as a doctor of their
# care team (a few at a time are taken, the rest told 503 TRY_AGAIN), then checks that the service
# is still live and left no temporary upload file. Prints status counts, resident memory and the
# size of the uploads directory. Issue 15, item 2: this flood used to end records-api with
# OutOfMemoryError and leave 360 MB of temporary files per crash.
#
# Usage: upload-flood.sh [URL]        a running records-api (default http://127.0.0.1:8082, up.sh's)
#        upload-flood.sh --launch     starts the packaged jar itself (records-api/target/quarkus-app,
#                                     its bench database, the heap of a 512 MiB pod, -XX:+ExitOnOutOfMemoryError as
#                                     deployed), runs the flood, stops it
# Environment: PARALLEL (40), SIZE_MB (10); for a running service: KEY (PEM private key its tokens
# are verified with; default deploy/local/.run/keys/private.pem), RECORDS_PID (default from
# deploy/local/.run/records-api.pid), UPLOADS_DIR (default ${TMPDIR:-/tmp}/records-api-uploads),
# DB_HOST/DB_PORT/DB_NAME (records)/PG_SUPERUSER (postgres) to seed the patient and care team.
# Needs curl, openssl, psql. Writes only under deploy/bench/.work/ (ignored by git).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
work=$here/.work/upload-flood
mkdir -p "$work"
parallel=${PARALLEL:-40}
size_mb=${SIZE_MB:-10}
launched=""

if [[ ${1:-} == --launch ]]; then
  # shellcheck source=lib.sh
  source "$here/lib.sh"
  bench_prepare_keys
  key=$bench_keys/private.pem
  port=18082
  url=http://127.0.0.1:$port
  db_name=${bench_db[records-api]}
  uploads=$work/uploads
  rm -rf "$uploads"
  bench_prepare_database java "$root/records-api/target/quarkus-app" records-api
  launched=$(bench_launch java "$root/records-api/target/quarkus-app" records-api $port "$work/records-api.log" \
    -XX:+ExitOnOutOfMemoryError -Dquarkus.http.body.uploads-directory="$uploads")
  trap '[[ -n $launched ]] && kill "$launched" 2>/dev/null || true' EXIT
  bench_wait_ready "$launched" $port
  pid=$launched
else
  url=${1:-http://127.0.0.1:8082}
  key=${KEY:-$root/deploy/local/.run/keys/private.pem}
  db_name=${DB_NAME:-records}
  uploads=${UPLOADS_DIR:-${TMPDIR:-/tmp}/records-api-uploads}
  pid=${RECORDS_PID:-$(cat "$root/deploy/local/.run/records-api.pid" 2>/dev/null || true)}
fi
[[ -s $key ]] || { echo "no token key at $key (run deploy/local/up.sh, or set KEY)" >&2; exit 1; }

rss() { [[ -n $pid ]] && awk '/VmRSS/ {printf "%d MB", $2 / 1024}' "/proc/$pid/status" 2>/dev/null || echo "n/a"; }
dir_size() { if [[ -d $uploads ]]; then echo "$(find "$uploads" -type f | wc -l) files, $(du -sk "$uploads" | cut -f1) KB"; else echo "no directory"; fi; }

# A patient and a doctor of their care team, straight into records-api's projection (as the
# scheduling events would leave it); the doctor is not in the directory, so counts as active.
patient=$(cat /proc/sys/kernel/random/uuid)
doctor=$(cat /proc/sys/kernel/random/uuid)
psql -h "${DB_HOST:-127.0.0.1}" -p "${DB_PORT:-5432}" -U "${PG_SUPERUSER:-postgres}" -d "$db_name" -v ON_ERROR_STOP=1 -q <<SQL
insert into patient_directory (patient_id, first_name, last_name, as_of) values ('$patient', 'Flood', 'Test', now());
insert into care_appointment (appointment_id, doctor_id, patient_id, status, starts_at, ends_at, last_event_time)
values (gen_random_uuid(), '$doctor', '$patient', 'CONFIRMED', now() + interval '1 day', now() + interval '1 day 30 minutes', now());
SQL

b64url() { base64 -w0 | tr '+/' '-_' | tr -d '='; }
token() { # role claim id
  local now header payload
  now=$(date +%s)
  header=$(printf '{"alg":"RS256","typ":"JWT"}' | b64url)
  payload=$(printf '{"iss":"%s","sub":"%s","upn":"flood@clinic.local","groups":["%s"],"%s":"%s","iat":%d,"exp":%d,"jti":"%s"}' \
    "${JWT_ISSUER:-https://clinic.local}" "$3" "$1" "$2" "$3" "$now" $((now + 900)) "$(cat /proc/sys/kernel/random/uuid)" | b64url)
  printf '%s.%s.%s' "$header" "$payload" "$(printf '%s.%s' "$header" "$payload" | openssl dgst -sha256 -sign "$key" | b64url)"
}

file=$work/report-${size_mb}mb.pdf
if [[ ! -s $file ]]; then
  { printf '%%PDF-1.7\n'; head -c $((size_mb * 1024 * 1024 - 9)) /dev/urandom; } > "$file"
fi

peak_file=$work/peak-rss
sample_rss() { # keeps the highest VmRSS (kB) of the service in $peak_file while the round runs
  local peak=0 now
  while kill -0 "$pid" 2>/dev/null; do
    now=$(awk '/VmRSS/ {print $2}' "/proc/$pid/status" 2>/dev/null || echo 0)
    if ((now > peak)); then peak=$now; echo "$peak" > "$peak_file.new" && mv "$peak_file.new" "$peak_file"; fi
    sleep 0.2
  done
}

round() { # name role claim id
  local name=$1 bearer out=$work/$1.codes i start sampler="" uploads_pids=()
  bearer=$(token "$2" "$3" "$4")
  : > "$out"; echo 0 > "$peak_file"
  if [[ -n $pid ]]; then sample_rss & sampler=$!; fi
  start=$(date +%s%N)
  for ((i = 0; i < parallel; i++)); do
    curl -s -o /dev/null -w '%{http_code}\n' --max-time 120 -H "Authorization: Bearer $bearer" \
      -F "file=@$file;type=application/pdf" -F category=BLOOD_TEST "$url/api/v1/patients/$patient/reports" >> "$out" &
    uploads_pids+=($!)
  done
  wait "${uploads_pids[@]}" || true
  if [[ -n $sampler ]]; then kill "$sampler" 2>/dev/null || true; wait "$sampler" 2>/dev/null || true; fi
  local peak; peak=$(cat "$peak_file" 2>/dev/null || true)
  printf '%-8s %d uploads of %d MB in %.1f s: HTTP %s; peak RSS %s MB\n' "$name" "$parallel" "$size_mb" \
    "$(awk -v ns=$(($(date +%s%N) - start)) 'BEGIN {print ns / 1e9}')" \
    "$(sort "$out" | uniq -c | awk '{printf "%s%s x %s", sep, $1, ($2 == "000" || $2 == "100") ? "no answer" : $2; sep=", "}')" "$(( ${peak:-0} / 1024 ))"
}

echo "records-api at $url (pid ${pid:-unknown}); uploads directory $uploads"
echo "before:  RSS $(rss); uploads directory: $(dir_size)"
round patient PATIENT patient_id "$patient"
round doctor DOCTOR doctor_id "$doctor"
sleep 2 # temporary files go as each request ends
live=$(curl -s -o /dev/null -w '%{http_code}' --max-time 10 "$url/q/health/live" || true)
stored=$(curl -s --max-time 10 -H "Authorization: Bearer $(token DOCTOR doctor_id "$doctor")" \
  "$url/api/v1/patients/$patient/reports?size=1" | sed -nE 's/.*"totalItems":([0-9]+).*/\1/p' || true)
echo "after:   RSS $(rss); uploads directory: $(dir_size); /q/health/live $live; reports stored ${stored:-?}"
if [[ -n $pid ]] && ! kill -0 "$pid" 2>/dev/null; then echo "FAIL: records-api (pid $pid) is gone"; exit 1; fi
[[ $live == 200 ]] || { echo "FAIL: /q/health/live answered $live"; exit 1; }
if [[ -d $uploads ]] && [[ -n $(find "$uploads" -type f -print -quit) ]]; then echo "FAIL: temporary files left behind"; exit 1; fi
echo "OK: records-api is up and left no temporary upload file"
