#!/usr/bin/env bash
# The load benchmark: seeds the data set (seed.sql), measures the reference limit of a booking in
# PostgreSQL alone (reference.sql/.pgbench) and the cost of our own booking SQL with pgbench
# (booking.pgbench, on a copy of the schema), drives scheduling-api with Gatling (gatling/)
# through four workloads, checks the data afterwards, and writes report.md with the Gatling HTML
# reports (latency over time) under report/, both in deploy/bench/results/ (not tracked by git: a run
# never dirties the tree). deploy/bench/report.md is the run recorded in the repository, copied
# from there by hand when worth keeping.
#
# Needs the platform running (deploy/local/up.sh) and psql/pgbench (Debian: postgresql-client).
# Takes about 10 minutes. Environment (defaults in brackets):
#   BENCH_SECONDS [60] per workload; BOOKING_CLIENTS [64]; SEARCH_CLIENTS [32]; MIXED_RATE [40]
#   new sessions per second in the mixed day; BENCH_API [http://127.0.0.1:8081];
#   PGHOST [127.0.0.1], PGPORT [5432], PGUSER [postgres]: a role that may create a database;
#   BENCH_DB [scheduling]: scheduling-api's database; BENCH_NOTIFIER_DB [notifier]: notifier's;
#   BENCH_RECORDS_DB [records]: records-api's;
#   CLINIC_RUN_DIR [deploy/local/.run];
#   BENCH_RESULTS [deploy/bench/results]: where the report goes.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
run_dir=${CLINIC_RUN_DIR:-$root/deploy/local/.run}
work=$here/.work
results=${BENCH_RESULTS:-$here/results}
out=$results/report
seconds=${BENCH_SECONDS:-60}
booking_clients=${BOOKING_CLIENTS:-64}
search_clients=${SEARCH_CLIENTS:-32}
mixed_rate=${MIXED_RATE:-40}
api=${BENCH_API:-http://127.0.0.1:8081}
db=${BENCH_DB:-scheduling}
notifier_db=${BENCH_NOTIFIER_DB:-notifier}
records_db=${BENCH_RECORDS_DB:-records}
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres}

log() { echo "[bench] $*" >&2; }
sql() { psql -X -q -v ON_ERROR_STOP=1 -At -d "$db" -c "$1"; }

for tool in psql pgbench pg_dump curl java; do
  command -v "$tool" >/dev/null || { echo "[bench] $tool is missing (Debian: apt-get install postgresql-client curl)" >&2; exit 1; }
done
ready() { curl -fs -o /dev/null "$api/q/health/ready"; }
for _ in $(seq 1 30); do ready && break; sleep 1; done
ready || { echo "[bench] scheduling-api is not ready at $api: run deploy/local/up.sh" >&2; exit 1; }
[[ -s $run_dir/keys/private.pem ]] || { echo "[bench] no demo key in $run_dir/keys: run deploy/local/up.sh" >&2; exit 1; }

mkdir -p "$work" "$out"
source "$here/lib.sh"
started=$(date -u +%Y-%m-%dT%H:%M:%SZ)

# ---- data set ----
log "seeding $db (500 doctors, 20 specializations, 10 locations, 30 days, 20,000 patients)"
psql -X -q -v ON_ERROR_STOP=1 -d "$db" -f "$here/seed.sql" >/dev/null
# The bench patients' bookings of earlier runs go: every run starts with the same free slots, so
# the booking load books (201) rather than meets slots filled by the runs before (409).
sql "delete from appointment_history h using appointment a, patient p
     where h.appointment_id = a.id and a.patient_id = p.id and p.email like '%@bench.invalid'"
cleared=$(sql "with gone as (delete from appointment a using patient p
     where a.patient_id = p.id and p.email like '%@bench.invalid' returning 1) select count(*) from gone")
log "cleared $cleared bookings of earlier runs"
# Fresh statistics now, not from autovacuum in the middle of a measured workload, and for the
# consumers' databases too: on a server with autovacuum off (this project's CI machines) their
# tables are otherwise never analyzed, and the planner then picks a partial index over every
# pending reminder to cancel one appointment's (millions of rows read per minute of bookings).
autovacuum=$(sql "show autovacuum")
for database in "$db" "$notifier_db" "$records_db"; do
  psql -X -q -v ON_ERROR_STOP=1 -d "$database" -c "vacuum analyze"
done
# Availability was changed under the service's feet: drop the cached searches.
if command -v redis-cli >/dev/null; then
  redis-cli -h "${REDIS_HOST:-127.0.0.1}" --scan --pattern 'clinic:slot:*' | xargs -r -n 500 redis-cli -h "${REDIS_HOST:-127.0.0.1}" del >/dev/null
fi
sql "select d.id, l.time_zone, d.requires_acceptance, min(ds.specialization_id::text)
     from doctor d join availability_rule r on r.doctor_id = d.id and r.day_of_week = 1
     join location l on l.id = r.location_id join doctor_specialization ds on ds.doctor_id = d.id
     where d.license_number like 'BENCH-%' group by d.id, l.time_zone, d.requires_acceptance, d.license_number
     order by d.license_number" | tr '|' ',' | sed 's/,t,/,true,/; s/,f,/,false,/' > "$work/doctors.csv"
sql "select id from patient where email like '%@bench.invalid' order by random() limit 3000" > "$work/patients.csv"
log "$(wc -l < "$work/doctors.csv") doctors, $(wc -l < "$work/patients.csv") patients sampled for the load"

# ---- the database's own limit ----
log "pgbench: the booking's SQL at $booking_clients clients for ${seconds}s (database bench_limit)"
psql -X -q -d postgres -c "drop database if exists bench_limit" -c "create database bench_limit" >/dev/null
pg_dump -s -d "$db" | psql -X -q -v ON_ERROR_STOP=1 -d bench_limit >/dev/null
psql -X -q -v ON_ERROR_STOP=1 -d bench_limit -f "$here/seed.sql" >/dev/null
psql -X -q -d bench_limit -c "vacuum analyze"
# The services' pools keep what an earlier run opened (up to 20 connections each): with pgbench's
# clients that can pass max_connections. Idle pooled connections are closed here; the pools notice
# and open new ones when the load needs them.
free_connections=$(sql "select current_setting('max_connections')::int - (select count(*) from pg_stat_activity)")
if ((free_connections < booking_clients + 5)); then
  log "only $free_connections free PostgreSQL connections: closing the services' idle ones for pgbench"
  sql "select count(pg_terminate_backend(pid)) from pg_stat_activity where state = 'idle' and pid <> pg_backend_pid()
       and datname in ('$db', '$records_db', '$notifier_db')" >/dev/null
fi
pgbench -n -M prepared -c "$booking_clients" -j 2 -T "$seconds" -f "$here/booking.pgbench" bench_limit > "$work/pgbench.txt" 2>&1 \
  || { cat "$work/pgbench.txt" >&2; exit 1; }
pgbench_tps=$(awk '/^tps = / {print $3; exit}' "$work/pgbench.txt")
pgbench_latency=$(awk '/latency average/ {print $4; exit}' "$work/pgbench.txt")
psql -X -q -d postgres -c "drop database bench_limit" >/dev/null
log "pgbench: $pgbench_tps bookings/s, average latency $pgbench_latency ms"

# The reference limit: the smallest correct booking (reference.sql, reference.pgbench), prepared,
# in its own database; what our booking is measured against.
log "pgbench: the reference booking at $booking_clients clients for ${seconds}s (database bench_reference)"
psql -X -q -d postgres -c "drop database if exists bench_reference" -c "create database bench_reference" >/dev/null
psql -X -q -v ON_ERROR_STOP=1 -d bench_reference -f "$here/reference.sql" >/dev/null 2>&1
pgbench -n -M prepared -c "$booking_clients" -j 2 -T "$seconds" -f "$here/reference.pgbench" bench_reference \
  > "$work/reference.txt" 2>&1 || { cat "$work/reference.txt" >&2; exit 1; }
reference_tps=$(awk '/^tps = / {print $3; exit}' "$work/reference.txt")
reference_latency=$(awk '/latency average/ {print $4; exit}' "$work/reference.txt")
psql -X -q -d postgres -c "drop database bench_reference" >/dev/null
log "pgbench: reference $reference_tps bookings/s, average latency $reference_latency ms"

# ---- the load ----
log "building the Gatling simulation"
"$root/mvnw" -B -q -f "$here/gatling/pom.xml" test-compile
# The request counters by method, uri and status (OpenMetrics exemplars after '#' dropped).
metrics() { curl -fs "$api/q/metrics" | grep '^http_server_requests_seconds_count' | sed 's/ # .*//' || true; }

# CPU time (clock ticks) used so far by each part of the platform, one "name ticks" line each; the
# load generator is what the machine used besides them (nothing else runs during a benchmark).
cpu_ticks() {
  local svc pids
  for svc in scheduling-api records-api notifier; do
    echo "$svc $(awk '{print $14 + $15}' "/proc/$(cat "$run_dir/$svc.pid")/stat" 2>/dev/null || echo 0)"
  done
  for part in postgres beam.smp redis-server; do
    pids=$(pgrep -x "$part" || true)
    echo "$part $(for p in $pids; do awk '{print $14 + $15}' "/proc/$p/stat" 2>/dev/null; done | awk '{n += $1} END {print n + 0}')"
  done
  echo "machine $(awk '/^cpu / {print $2 + $3 + $4 + $7 + $8 + $9}' /proc/stat)"
  echo "idle $(awk '/^cpu / {print $5 + $6}' /proc/stat)"
}

# settle -> waits (at most 3 min) until the machine is quiet: the consumers of the last workload's
# events (notifier, records-api) otherwise take CPU from the next one.
settle() {
  local a b i
  for ((i = 0; i < 90; i++)); do
    a=$(awk '/^cpu / {print $2 + $3 + $4 + $7 + $8 + $9, $5 + $6}' /proc/stat); sleep 2
    b=$(awk '/^cpu / {print $2 + $3 + $4 + $7 + $8 + $9, $5 + $6}' /proc/stat)
    echo "$a $b" | awk '{exit !(($3 - $1) < 0.15 * (($3 - $1) + ($4 - $2)))}' && return 0
  done
  log "the machine stayed busy; measuring anyway"
}

# gatling scenario users rate seconds -> runs one workload, keeps its console and HTML report
gatling() {
  local scenario=$1
  settle
  rm -rf "$here/gatling/target/gatling"
  cpu_ticks > "$work/$scenario.cpu-before"
  metrics > "$work/$scenario.before"
  bench_gatling "$scenario" "$2" "$3" "$4" "$work/$scenario.log"
  metrics > "$work/$scenario.after"
  cpu_ticks > "$work/$scenario.cpu-after"
  grep -q 'Global Information' "$work/$scenario.log" || { tail -n 40 "$work/$scenario.log" >&2; exit 1; }
  if [[ $scenario != warmup* ]]; then
    rm -rf "${out:?}/$scenario"
    cp -r "$(ls -d "$here"/gatling/target/gatling/*/ | head -n 1)" "$out/$scenario"
  fi
}

# The JIT compiles the hot paths during the first minutes: measured runs start warm.
log "warm-up: mixed day at 30 sessions/s for 60 s, then 60 s of bookings (not reported)"
gatling warmup 1 30 60
gatling warmup-booking 16 0 60
log "booking: $booking_clients clients for ${seconds}s"
booking_from=$(date -u +%Y-%m-%dT%H:%M:%S.%NZ)
gatling booking "$booking_clients" 0 "$seconds"
booking_to=$(date -u +%Y-%m-%dT%H:%M:%S.%NZ)
log "slot search, one doctor, 7 days: $search_clients clients for ${seconds}s"
gatling search "$search_clients" 0 "$seconds"
log "next available, one specialization: $search_clients clients for ${seconds}s"
gatling next "$search_clients" 0 "$seconds"
log "mixed day: $mixed_rate new sessions/s for ${seconds}s"
mixed_from=$(date -u +%Y-%m-%dT%H:%M:%S.%NZ)
gatling mixed 0 "$mixed_rate" "$seconds"
mixed_to=$(date -u +%Y-%m-%dT%H:%M:%S.%NZ)

# ---- checks ----
log "waiting for the outbox relay to publish everything"
for ((i = 0; i < 60; i++)); do
  unsent=$(sql "select count(*) from outbox_event where sent_at is null")
  [[ $unsent == 0 ]] && break
  sleep 1
done
# The load added tens of thousands of rows since the last statistics: without fresh ones the planner
# guesses one new appointment and checks each against every event row (minutes, not milliseconds).
sql "analyze appointment, outbox_event"
overlaps=$(sql "select count(*) from appointment a join appointment b
  on a.doctor_id = b.doctor_id and a.id < b.id and tstzrange(a.starts_at, a.blocked_until) && tstzrange(b.starts_at, b.blocked_until)
  where a.status in ('REQUESTED','CONFIRMED','CHECKED_IN','COMPLETED') and b.status in ('REQUESTED','CONFIRMED','CHECKED_IN','COMPLETED')")
patient_overlaps=$(sql "select count(*) from appointment a join appointment b
  on a.patient_id = b.patient_id and a.id < b.id and tstzrange(a.starts_at, a.ends_at) && tstzrange(b.starts_at, b.ends_at)
  where a.status in ('REQUESTED','CONFIRMED','CHECKED_IN','COMPLETED') and b.status in ('REQUESTED','CONFIRMED','CHECKED_IN','COMPLETED')")
booked_in_run=$(sql "select count(*) from appointment where created_at >= '$booking_from'")
# From a booking to its first in-app notification: the appointment's created_at (taken by
# scheduling-api just before its statement, so a little before the commit) to notifier's row (one
# machine, one clock). First wait (at most 60 s) until notifier's count of notifications stops growing.
notifications() { psql -X -q -At -d "$notifier_db" -c "select count(*) from notification where created_at >= '$booking_from'"; }
previous=-1
for ((i = 0; i < 30; i++)); do
  now_notified=$(notifications); [[ $now_notified == "$previous" ]] && break; previous=$now_notified; sleep 2
done
# notify_latency from to -> "booked notified p50 p99 max" (ms) for the appointments created in [from, to)
notify_latency() {
  psql -X -q -At -d "$db" -c "\\copy (select id, created_at from appointment where created_at >= '$1' and created_at < '$2') to '$work/booked.csv' csv"
  psql -X -q -At -F ' ' -d "$notifier_db" <<SQL
create temp table booked (id uuid primary key, created_at timestamptz);
\\copy booked from '$work/booked.csv' csv
select count(*), count(n.first_at),
       coalesce(round(1000 * extract(epoch from percentile_cont(0.5) within group (order by n.first_at - b.created_at)))::text, '-'),
       coalesce(round(1000 * extract(epoch from percentile_cont(0.99) within group (order by n.first_at - b.created_at)))::text, '-'),
       coalesce(round(1000 * extract(epoch from max(n.first_at - b.created_at)))::text, '-')
  from booked b left join (select appointment_id, min(created_at) as first_at from notification
                            where appointment_id in (select id from booked) group by appointment_id) n
    on n.appointment_id = b.id;
SQL
}
# latency_line from to -> "p50 N ms, p99 N ms, max N ms (N of N notified)"
latency_line() {
  notify_latency "$1" "$2" | awk '{printf "p50 %s ms, p99 %s ms, max %s ms (%s of %s notified)", $3, $4, $5, $2, $1}'
}
booking_notify=$(latency_line "$booking_from" "$booking_to")
mixed_notify=$(latency_line "$mixed_from" "$mixed_to")
missing_events=$(sql "select count(*) from appointment a where a.created_at >= '$booking_from' and not exists (
  select 1 from outbox_event o where o.subject = a.id::text and o.event_type = 'clinic.scheduling.appointment.booked.v1')")

# ---- report ----
# stat <scenario> <label> -> one figure of Gatling's global summary (all requests, OK and KO)
# (field 2: all requests, 4: KO = failed checks or no answer)
stat() { awk -F'|' -v label="$2" -v f="${3:-2}" 'index($1, label) {gsub(/ /, "", $f); print $f; exit}' "$work/$1.log"; }
# statuses <scenario> -> "METHOD uri status count" lines: what the service answered during the run
statuses() {
  awk '
    function key(line,   m, u, s) {
      match(line, /method="[^"]*"/); m = substr(line, RSTART + 8, RLENGTH - 9)
      match(line, /status="[^"]*"/); s = substr(line, RSTART + 8, RLENGTH - 9)
      match(line, /uri="[^"]*"/); u = substr(line, RSTART + 5, RLENGTH - 6)
      return m " " u " " s
    }
    FNR == NR { before[key($0)] = $NF; next }
    { n = $NF - before[key($0)]; if (n > 0 && key($0) !~ /\/q\//) printf "%s %d\n", key($0), n }
  ' "$work/$1.before" "$work/$1.after" | sort
}
answers() { statuses "$1" | awk '{n += $4} END {print (n > 0 ? n : 1)}'; } # never 0: a divisor
count_status() { statuses "$1" | awk -v s="$2" -v u="$3" '$3 == s && (u == "" || $2 == u) {n += $4} END {print n + 0}'; }
row() { # scenario title
  printf '| %s | %s | %s | %s | %s | %s | %s | %s | %s |\n' "$2" "$(stat "$1" 'request count')" \
    "$(stat "$1" 'mean throughput')" "$(stat "$1" '50th percentile')" "$(stat "$1" '95th percentile')" \
    "$(stat "$1" '99th percentile')" "$(stat "$1" 'max response time')" "$(stat "$1" 'request count' 4)" \
    "$(statuses "$1" | awk '{printf "%s%s %s %s: %d", sep, $1, $2, $3, $4; sep = "; "}' | sed 's/|/\\|/g')"
}
booked=$(count_status booking 201 /api/v1/appointments)
taken=$(count_status booking 409 /api/v1/appointments)
booking_rate=$(awk -v n="$booked" -v s="$seconds" 'BEGIN {printf "%.1f", n / s}')
booking_requests_rate=$(awk -v n="$((booked + taken))" -v s="$seconds" 'BEGIN {printf "%.1f", n / s}')
ratio=$(awk -v a="$booking_requests_rate" -v b="$reference_tps" 'BEGIN {printf "%.2f", a / b}')
own_sql_ratio=$(awk -v a="$booking_requests_rate" -v b="$pgbench_tps" 'BEGIN {printf "%.2f", a / b}')
server_errors=0
for s in booking search next mixed; do
  server_errors=$((server_errors + $(statuses "$s" | awk '$3 ~ /^5/ {n += $4} END {print n + 0}')))
done
# cpu_deltas <scenario> -> "part ticks" lines for the workload: each process measured, "rest" (the
# load generator and everything else), then "machine" (all busy time) and "idle"
cpu_deltas() {
  awk 'FNR == NR {before[$1] = $2; next} {d[$1] = $2 - before[$1]; order[++n] = $1}
       END {rest = d["machine"]
            for (i = 1; i <= n; i++) if (order[i] != "machine" && order[i] != "idle") {rest -= d[order[i]]; print order[i], d[order[i]]}
            print "rest", rest; print "machine", d["machine"]; print "idle", d["idle"]}' "$work/$1.cpu-before" "$work/$1.cpu-after"
}
# cpu_parts <format> <factor>: cpu_deltas lines on stdin as "name figure; ...", each part's ticks
# times <factor> printed with printf format <format>
cpu_parts() {
  awk -v f="$1" -v factor="$2" '
    $1 != "machine" && $1 != "idle" {
      name = $1 == "beam.smp" ? "rabbitmq" : $1 == "rest" ? "load generator and rest" : $1
      printf "%s%s " f, sep, name, factor * $2; sep = "; "}'
}
# cpu_share <scenario> -> "machine busy N % of the time: part N %; ..."
cpu_share() {
  local deltas
  deltas=$(cpu_deltas "$1")
  awk '{d[$1] = $2} END {printf "machine busy %.0f %% of the time: ", 100 * d["machine"] / (d["machine"] + d["idle"])}' <<< "$deltas"
  cpu_parts '%.0f %%' "$(awk '$1 == "machine" {print 100 / $2}' <<< "$deltas")" <<< "$deltas"
}
# cpu_per_answer <scenario> <answers> -> CPU milliseconds the machine spent per answer, in all and by part
cpu_per_answer() {
  local deltas ms_per_tick
  deltas=$(cpu_deltas "$1")
  ms_per_tick=$(awk -v hz="$(getconf CLK_TCK)" -v n="$2" 'BEGIN {print 1000 / hz / n}')
  awk -v s="$ms_per_tick" '$1 == "machine" {printf "%.2f ms: ", s * $2}' <<< "$deltas"
  cpu_parts '%.2f' "$ms_per_tick" <<< "$deltas"
}
# answers_ceiling <scenario> <answers> -> answers/s the machine's cores could give if the platform
# (everything but the load generator) were alone on them, at the CPU it spent per answer
answers_ceiling() {
  cpu_deltas "$1" | awk -v hz="$(getconf CLK_TCK)" -v n="$2" -v cores="$(nproc)" \
    '{d[$1] = $2} END {printf "%.0f", cores * hz / ((d["machine"] - d["rest"]) / n)}'
}
rss() { [[ -f $run_dir/$1.pid ]] && ps -o rss= -p "$(cat "$run_dir/$1.pid")" 2>/dev/null | awk '{printf "%d MB", $1 / 1024}' || echo "not running"; }

{
  echo "# Load benchmark"
  echo
  echo "Machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo), $(uname -sr); shared and noisy, so"
  echo "read the ratios. Services as started by deploy/local/up.sh ($(java -version 2>&1 | head -n 1)), PostgreSQL,"
  echo "RabbitMQ, Redis and the load generator on the same machine. Run: \`deploy/bench/run.sh\`, $started,"
  echo "${seconds} s per workload after 120 s of warm-up. PostgreSQL autovacuum: $autovacuum (the three"
  echo "services' databases were analyzed by the benchmark before the load)."
  echo
  echo "## Booking against the database's own limit"
  echo
  echo "| | at $booking_clients clients |"
  echo "|---|---|"
  echo "| **reference limit**: PostgreSQL alone, the smallest correct booking (\`reference.pgbench\`: lock overlapping rows, insert under the exclusion constraint; prepared) | $reference_tps tx/s (average $reference_latency ms) |"
  echo "| scheduling-api, booking requests answered (201 booked + 409 taken) | $booking_requests_rate /s = **${ratio}** of the reference limit |"
  echo "| the cost of our SQL: pgbench running scheduling-api's one statement for a booking (\`booking.pgbench\`, prepared) | $pgbench_tps tx/s (average $pgbench_latency ms); scheduling-api reached ${own_sql_ratio} of it |"
  echo "| CPU spent per booking answer (over the Gatling run, its own start included) | $(cpu_per_answer booking "$((booked + taken))") |"
  echo "| booking answers/s the $(nproc) cores could give at that CPU per answer, with the load generator elsewhere | $(answers_ceiling booking "$((booked + taken))") /s (the target, 0.5 of the reference limit: $(awk -v t="$reference_tps" 'BEGIN {printf "%.0f", t / 2}') /s) |"
  echo "| of which booked (201) | $booking_rate /s = $(awk -v a="$booking_rate" -v b="$reference_tps" 'BEGIN {printf "%.2f", a / b}') of the reference limit ($booked; $taken answered 409: the hot slots, and random slots already booked during the run) |"
  echo "| from a booking's commit to the patient's in-app notification (notifier's row), target p99 < 1,000 ms: bookings of this workload (the machine saturated) | $booking_notify |"
  echo "| the same, bookings of the mixed day (open model, $mixed_rate sessions/s) | $mixed_notify |"
  echo
  echo "## Latency (Gatling, ms, all requests of the workload)"
  echo
  echo "| workload | requests | req/s | p50 | p95 | p99 | max | KO | answered (method, route, status: count) |"
  echo "|---|---|---|---|---|---|---|---|---|"
  row booking "booking, $booking_clients clients (closed)"
  row search "slot search, one doctor, 7 days, $search_clients clients (closed)"
  row next "next available, one specialization, $search_clients clients (closed)"
  row mixed "mixed day, $mixed_rate sessions/s (open), 80 % reads / 20 % writes"
  echo
  echo "Latency over time: [booking](report/booking/index.html), [search](report/search/index.html),"
  echo "[next available](report/next/index.html), [mixed day](report/mixed/index.html) (Gatling HTML reports)."
  echo
  echo "## CPU per answer, by process, every workload"
  echo
  echo "Milliseconds of CPU time per request the service answered (its own counters), measured over the"
  echo "whole Gatling run. The platform's parts (all but \"load generator and rest\") are the figures to beat:"
  echo "they do not depend on the generator."
  echo
  echo "| workload | answers | CPU per answer: all, then by process |"
  echo "|---|---|---|"
  for s in booking search next mixed; do echo "| $s | $(answers "$s") | $(cpu_per_answer "$s" "$(answers "$s")") |"; done
  echo
  echo "## Where the CPU went (share of what the machine used during each workload)"
  echo
  echo "| workload | CPU by process |"
  echo "|---|---|"
  for s in booking search next mixed; do echo "| $s | $(cpu_share "$s") |"; done
  echo
  echo "## Checks after the run"
  echo
  echo "| check | found | must be |"
  echo "|---|---|---|"
  echo "| overlapping appointments of one doctor (SQL, whole table) | $overlaps | 0 |"
  echo "| overlapping appointments of one patient (SQL, whole table) | $patient_overlaps | 0 |"
  echo "| appointments booked during the run without their \`booked\` outbox event | $missing_events (of $booked_in_run) | 0 |"
  echo "| outbox events still unpublished 60 s after the load | $unsent | 0 |"
  echo "| 5xx answers during the run | $server_errors | 0 |"
  echo
  echo "## Memory after the load (resident set)"
  echo
  echo "| service | RSS |"
  echo "|---|---|"
  for svc in scheduling-api records-api notifier; do echo "| $svc | $(rss "$svc") |"; done
  echo
  echo "Slot cache since the service started: $(curl -fs "$api/q/metrics" | sed 's/ # .*//' \
    | awk -F'"' '/^clinic_slot_cache_total/ {split($3, v, " "); printf "%s%s %d", sep, $2, v[2]; sep = ", "}')."
} > "$results/report.md"

# The Gatling reports share one copy of their scripts and styles.
mkdir -p "$out/assets"
for s in booking search next mixed; do
  cp -r "$out/$s/js" "$out/$s/style" "$out/assets/" && rm -rf "${out:?}/$s/js" "${out:?}/$s/style" "$out/$s/simulation.log"
  sed -i 's#\(src\|href\)="\(js\|style\)/#\1="../assets/\2/#g' "$out/$s"/*.html
done

cat "$results/report.md"
fails=0
for n in "$overlaps" "$patient_overlaps" "$missing_events" "$unsent" "$server_errors"; do ((n == 0)) || fails=1; done
exit $fails
