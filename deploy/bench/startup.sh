#!/usr/bin/env bash
# Cold start and memory of each service, what a user of a scaled-to-zero pod waits for. For every
# service and JVM variant, N runs (default 5), each from process start to:
#  - ready: the first 200 on /q/health/ready (PostgreSQL, Redis and RabbitMQ connected; migrations
#    off, as in production);
#  - first answer: the first authenticated GET of a real endpoint, sent as soon as the service is
#    ready (as Knative's queue-proxy forwards the request that woke the pod), answered;
# and the resident memory after that first answer. The same is measured for the floor (floor/): a
# minimal Quarkus app with the services' extensions, one entity, one consumer and one authenticated
# endpoint that runs one query, none of our code. Each service is reported as a ratio of the floor's
# first answer in the same variant and run: the figure that holds on a noisy machine.
#
# Variants: jdk17 (the default java); jdk25-aot: JDK 25 with the ahead-of-time cache that the
# build trains by starting the app (what src/main/docker/Dockerfile.jvm ships); jdk25-aot-trained:
# the cache recorded here from a run that answered a representative workload (JDK 25 keeps the
# training's method profiles too); and the last again as a 1-CPU pod runs it (-XX:ActiveProcessorCount=1:
# Serial GC and one compiler thread).
#
# Writes deploy/bench/results/startup-report.md (untracked: a run never dirties the tree;
# deploy/bench/startup-report.md is the recorded run) and prints it. Takes about 20 minutes; BUILD=0
# reuses the previous run's builds (in deploy/bench/.work) when the code has not changed.
# Needs the local servers (deploy/local/infra.sh, run here) and a JDK 25 at $JDK25 (default
# /usr/lib/jvm/temurin-25-jdk-amd64). Uses databases of its own (bench_*, created and migrated here,
# seeded with 20 doctors by seed.sql). Heap as in the manifests' pods: -XX:MaxRAMPercentage=47 of a
# 640 MiB limit (-XX:MaxRAM=640m here, no container limit).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
runs=${RUNS:-5}
jdk17=${JDK17:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}
jdk25=${JDK25:-/usr/lib/jvm/temurin-25-jdk-amd64}
port=${BENCH_PORT:-18990}
work=$here/.work
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres}
mkdir -p "$work"
source "$here/lib.sh"
bench_prepare_keys
bash "$root/deploy/local/infra.sh" >/dev/null
apps=(startup-floor scheduling-api records-api notifier)
log() { echo "[startup] $*" >&2; }

build() { # variant-dir jdk extra-maven-args...
  local out=$1 jdk=$2 app; shift 2
  (cd "$root" && JAVA_HOME=$jdk ./mvnw -B -q -DskipTests package "$@" >/dev/null)
  (cd "$root" && JAVA_HOME=$jdk ./mvnw -B -q -f "$here/floor/pom.xml" package "$@" >/dev/null)
  for app in "${apps[@]}"; do
    rm -rf "${out:?}/$app"; mkdir -p "$out/$app"
    if [[ $app == startup-floor ]]; then cp -r "$here/floor/target/quarkus-app/." "$out/$app/"
    else cp -r "$root/$app/target/quarkus-app/." "$out/$app/"; fi
  done
}

if [[ ${BUILD:-1} == 1 || ! -d $work/jdk25-aot/notifier ]]; then
  log "building: JDK 17 jars, then JDK 25 jars with the AOT cache trained at build (about 30 s per app)"
  build "$work/jdk17" "$jdk17"
  build "$work/jdk25-aot" "$jdk25" -Dquarkus.package.jar.aot.enabled=true -Dquarkus.package.jar.aot.type=aot \
    -Dquarkus.package.jar.aot.phase=build
fi

# ---- databases and the first requests ----
for svc in scheduling-api records-api notifier; do
  bench_prepare_database "$jdk17/bin/java" "$work/jdk17/$svc" "$svc"
done
psql -X -q -v ON_ERROR_STOP=1 -v doctors=20 -v patients=100 -d "${bench_db[scheduling-api]}" -f "$here/seed.sql" >/dev/null
doctor=$(psql -X -At -d "${bench_db[scheduling-api]}" -c "select id from doctor where license_number like 'BENCH-%' order by license_number limit 1")
patient=$(psql -X -At -d "${bench_db[scheduling-api]}" -c "select id from patient where email like '%@bench.invalid' order by email limit 1")
token() { CLINIC_RUN_DIR=$work "$root/deploy/local/token.sh" "$@"; }
admin=$(token ADMIN)
patient_token=$(PATIENT_ID=$patient token PATIENT)
# The request that wakes each app: a slot search, a record summary, a notifications list.
declare -A first_path=([startup-floor]=/floor [scheduling-api]=/api/v1/appointments/doctor/$doctor/available-slots
  [records-api]=/api/v1/patients/$patient/record [notifier]=/api/v1/notifications)
declare -A first_token=([startup-floor]=$admin [scheduling-api]=$admin [records-api]=$patient_token [notifier]=$patient_token)
# What the trained cache saw besides: the same requests and their neighbours, a few hundred times.
declare -A training_paths=([startup-floor]="/floor"
  [scheduling-api]="/api/v1/appointments/doctor/$doctor/available-slots /api/v1/doctors /api/v1/specializations /api/v1/doctors/$doctor"
  [records-api]="/api/v1/patients/$patient/record /api/v1/patients/$patient/access-log /api/v1/patients/$patient/prescriptions"
  [notifier]="/api/v1/notifications /api/v1/notifications/unread-count")

ask() { # app path -> HTTP status of an authenticated GET
  curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer ${first_token[$1]}" "http://127.0.0.1:$port$2"
}

train() { # app-dir app -> records app.aot in app-dir from a run answering the training requests
  local dir=$1 app=$2 pid path
  rm -f "$dir/app.aot"
  pid=$(bench_launch "$jdk25/bin/java" "$dir" "$app" "$port" "$work/$app-training.log" -XX:AOTCacheOutput="$dir/app.aot")
  bench_wait_ready "$pid" "$port" || { bench_stop "$pid"; log "$app did not start for training; see $work/$app-training.log"; exit 1; }
  for _ in $(seq 1 200); do
    for path in ${training_paths[$app]}; do ask "$app" "$path" >/dev/null; done
  done
  bench_stop "$pid" # the JVM writes the cache as it exits
  [[ -s $dir/app.aot ]] || { log "no AOT cache recorded for $app; see $work/$app-training.log"; exit 1; }
}

log "recording the trained AOT caches"
rm -rf "$work/jdk25-aot-trained"; cp -r "$work/jdk25-aot" "$work/jdk25-aot-trained"
for app in "${apps[@]}"; do train "$work/jdk25-aot-trained/$app" "$app"; done

measure() { # java app-dir app extra-jvm-args -> prints "ready_ms first_ms status rss_mb"
  local java=$1 dir=$2 app=$3; shift 3
  local start ready first status pid rss
  start=$(date +%s%N)
  pid=$(bench_launch "$java" "$dir" "$app" "$port" "$work/$app.log" "$@")
  bench_wait_ready "$pid" "$port" || { bench_stop "$pid"; log "$app did not start; see $work/$app.log"; exit 1; }
  ready=$(date +%s%N)
  status=$(ask "$app" "${first_path[$app]}")
  first=$(date +%s%N)
  rss=$(ps -o rss= -p "$pid")
  # The same request once the service is up: what it costs when nobody waits for a start.
  steady=$(for _ in $(seq 1 20); do
    curl -s -o /dev/null -w '%{time_total}\n' -H "Authorization: Bearer ${first_token[$app]}" "http://127.0.0.1:$port${first_path[$app]}"
  done | awk '{print $1 * 1000}' | sort -n | awk '{v[NR] = $1} END {printf "%.0f", v[int((NR + 1) / 2)]}')
  bench_stop "$pid"
  echo "$(( (ready - start) / 1000000 )) $(( (first - start) / 1000000 )) $status $(( rss / 1024 )) $steady"
}

median() { printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
summary() { # values... -> "median (min-max)"
  printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END { m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2;
    printf "%s (%s-%s)", m, v[1], v[NR] }'
}

variants=(jdk17 jdk25-aot jdk25-aot-trained jdk25-aot-trained-1cpu)
declare -A floor_first=()
rows=()
for variant in "${variants[@]}"; do
  for app in "${apps[@]}"; do
    java=$jdk25/bin/java; dir=$work/$variant/$app; args=()
    case $variant in
      jdk17) java=$jdk17/bin/java ;;
      jdk25-aot|jdk25-aot-trained) args=(-XX:AOTCache="$dir/app.aot") ;;
      jdk25-aot-trained-1cpu) dir=$work/jdk25-aot-trained/$app; args=(-XX:AOTCache="$dir/app.aot" -XX:ActiveProcessorCount=1) ;;
    esac
    readies=(); firsts=(); rss=(); statuses=(); steadies=()
    for _ in $(seq 1 "$runs"); do
      read -r r f s m w < <(measure "$java" "$dir" "$app" "${args[@]}")
      readies+=("$r"); firsts+=("$f"); statuses+=("$s"); rss+=("$m"); steadies+=("$w")
    done
    first_median=$(median "${firsts[@]}")
    [[ $app == startup-floor ]] && floor_first[$variant]=$first_median
    ratio=$(awk -v a="$first_median" -v b="${floor_first[$variant]}" 'BEGIN {printf "%.2f", a / b}')
    answered=$(printf '%s\n' "${statuses[@]}" | sort | uniq -c | awk '{printf "%s%s×%s", sep, $2, $1; sep = ", "}')
    rows+=("| $app | $variant | $(summary "${readies[@]}") | $(summary "${firsts[@]}") | $ratio | $answered | $(median "${steadies[@]}") | $(summary "${rss[@]}") |")
    log "$app $variant: first answer after $first_median ms (median)"
  done
done

mkdir -p "${BENCH_RESULTS:-$here/results}"
report=${BENCH_RESULTS:-$here/results}/startup-report.md
{
  echo "# Start-up and memory"
  echo
  echo "Machine: $(nproc) cores, $(free -g | awk '/Mem:/ { print $2 }') GiB, $(uname -sr); shared and noisy, so read ratios."
  echo "Run: \`deploy/bench/startup.sh\` ($runs runs per cell), $(date -u +%Y-%m-%dT%H:%MZ); $("$jdk17/bin/java" -version 2>&1 | head -n 1)"
  echo "and $("$jdk25/bin/java" -version 2>&1 | head -n 1). Heap as in the pods (6 % to 47 % of the limit), migrations off."
  echo
  echo "- **ready**: process start to the first 200 on /q/health/ready (PostgreSQL, Redis, RabbitMQ connected)."
  echo "- **first answer**: process start to the answer of the first authenticated GET, sent once ready:"
  echo "  floor \`/floor\` (one query); scheduling-api a doctor's slot search; records-api a patient's record"
  echo "  summary (as that patient); notifier the notifications list (as a patient)."
  echo "- **× floor**: first answer as a multiple of the floor's in the same variant (the floor: floor/, a minimal"
  echo "  Quarkus app with the services' extensions, one entity, one consumer, one endpoint)."
  echo "- **then, ms**: the same request once up (median of 20 after the first, median over the runs):"
  echo "  what it costs when nobody waits for a start (a scaled-to-zero pod's first user waits the first answer)."
  echo "- **RSS**: resident memory after the first answer."
  echo "- Variants: jdk17 (deploy/local/up.sh's JVM); jdk25-aot: the AOT cache trained at build by a start"
  echo "  (Dockerfile.jvm's image); jdk25-aot-trained: the cache recorded from a run answering 200 rounds of"
  echo "  the first requests and their neighbours; -1cpu: the same as a 1-CPU pod runs it (-XX:ActiveProcessorCount=1:"
  echo "  Serial GC, one compiler thread; the machine keeps its 2 cores for the rest)."
  echo
  echo "| app | variant | ready, ms: median (min-max) | first answer, ms: median (min-max) | × floor | answered | then, ms | RSS, MB: median (min-max) |"
  echo "|---|---|---|---|---|---|---|---|"
  printf '%s\n' "${rows[@]}"
} > "$report"
cat "$report"
