#!/usr/bin/env bash
# Cold start and memory of each service, as issue 7 asks: for every service and JVM variant, N runs
# (default 5) from process start to the first 200 on /q/health/ready (PostgreSQL, Redis and RabbitMQ
# connected; migrations off, as in production), and the resident memory right after. Variants:
# JDK 17, JDK 25, JDK 25 with the ahead-of-time cache (built here first). Writes
# deploy/bench/results/startup-report.md (medians and ranges; untracked, so a run never dirties the
# tree: deploy/bench/startup-report.md is the recorded run) and prints it.
#
# Needs: the local servers (deploy/local/infra.sh), the *_test databases migrated once (the test
# suite does it; the clinic-test vhost too, so a running stack is not disturbed), a JDK 25 at $JDK25 (default /usr/lib/jvm/temurin-25-jdk-amd64). Heap limit as in the
# manifests: -XX:MaxRAMPercentage=47 of a 768 MiB limit, i.e. -Xmx358m here (no container limit).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
runs=${RUNS:-5}
jdk17=${JDK17:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}
jdk25=${JDK25:-/usr/lib/jvm/temurin-25-jdk-amd64}
port=${BENCH_PORT:-18990}
work=$here/.work
mkdir -p "$work"
source "$here/lib.sh"
bench_prepare_keys
bash "$root/deploy/local/infra.sh" >/dev/null

build() { # variant-dir jdk extra-maven-args...
  local out=$1 jdk=$2; shift 2
  (cd "$root" && JAVA_HOME=$jdk ./mvnw -B -q -DskipTests package "$@" >/dev/null)
  for svc in scheduling-api records-api notifier; do
    rm -rf "${out:?}/$svc"; mkdir -p "$out/$svc"
    cp -r "$root/$svc/target/quarkus-app/." "$out/$svc/"
  done
}

measure() { # java app-dir service extra-jvm-args -> prints "ms rss_mb"
  local java=$1 dir=$2 svc=$3; shift 3
  local start end pid rss
  start=$(date +%s%N)
  pid=$(bench_launch "$java" "$dir" "$svc" "$port" "$work/$svc.log" "$@")
  bench_wait_ready "$pid" "$port" || { echo "[startup] $svc did not start; see $work/$svc.log" >&2; return 1; }
  end=$(date +%s%N)
  rss=$(ps -o rss= -p "$pid")
  bench_stop "$pid"
  echo "$(( (end - start) / 1000000 )) $(( rss / 1024 ))"
}

summary() { # values... -> "median (min-max)"
  printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END { m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2;
    printf "%s (%s-%s)", m, v[1], v[NR] }'
}

echo "[startup] building: JDK 17 jars, JDK 25 jars, JDK 25 jars with the AOT cache (training runs take ~30 s each)"
build "$work/jdk17" "$jdk17"
build "$work/jdk25" "$jdk25"
build "$work/jdk25-aot" "$jdk25" -Dquarkus.package.jar.aot.enabled=true -Dquarkus.package.jar.aot.type=aot \
  -Dquarkus.package.jar.aot.phase=build

mkdir -p "${BENCH_RESULTS:-$here/results}"
report=${BENCH_RESULTS:-$here/results}/startup-report.md
{
  echo "# Start-up and memory"
  echo
  echo "Machine: $(nproc) cores, $(free -g | awk '/Mem:/ { print $2 }') GiB, $(uname -sr); shared and noisy, so read ratios."
  echo "Run: \`deploy/bench/startup.sh\` ($runs runs per cell), $(date -u +%Y-%m-%dT%H:%MZ). Ready = first 200 on"
  echo "/q/health/ready with PostgreSQL, Redis and RabbitMQ connected, migrations off, -Xmx358m."
  echo
  echo "| service | variant | ready, ms: median (min-max) | RSS after start, MB: median (min-max) |"
  echo "|---|---|---|---|"
} > "$report"
for svc in scheduling-api records-api notifier; do
  for variant in jdk17 jdk25 jdk25-aot; do
    java=$jdk25/bin/java; args=()
    [[ $variant == jdk17 ]] && java=$jdk17/bin/java
    [[ $variant == jdk25-aot ]] && args=(-XX:AOTCache="$work/$variant/$svc/app.aot")
    times=(); rss=()
    for _ in $(seq 1 "$runs"); do
      read -r t r < <(measure "$java" "$work/$variant/$svc" "$svc" "${args[@]}")
      times+=("$t"); rss+=("$r")
    done
    echo "| $svc | $variant | $(summary "${times[@]}") | $(summary "${rss[@]}") |" >> "$report"
    echo "[startup] $svc $variant done"
  done
done
cat "$report"
