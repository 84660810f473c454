#!/usr/bin/env bash
# Where the time goes, with JDK Flight Recorder (no agent to install): writes
# deploy/bench/results/profile.md (untracked; deploy/bench/profile.md is the recorded run).
#  1. start-up: each service started with a recording from its first instruction to its first ready
#     answer; samples counted for the innermost specific library on the stack (whose start-up work),
#     then the main thread's samples by Quarkus start step (which step holds the start back);
#  2. under load (only if the platform runs, deploy/local/up.sh, and run.sh has exported its data):
#     a recording attached to scheduling-api during 30 s of bookings and 30 s of slot searches;
#     samples counted for the innermost library on the stack (what burns the CPU).
# Recordings stay in deploy/bench/.work/*.jfr for `jfr view hot-methods` or JDK Mission Control.
# Environment: JDK25 [/usr/lib/jvm/temurin-25-jdk-amd64] (its `jfr` reads every recording), BENCH_PORT.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
work=$here/.work
results=${BENCH_RESULTS:-$here/results}
mkdir -p "$results"
jdk25=${JDK25:-/usr/lib/jvm/temurin-25-jdk-amd64}
port=${BENCH_PORT:-18990}
run_dir=${CLINIC_RUN_DIR:-$root/deploy/local/.run}
mkdir -p "$work"
source "$here/lib.sh"
bench_prepare_keys
bash "$root/deploy/local/infra.sh" >/dev/null
categories() { python3 "$here/jfr-categories.py" "$jdk25/bin/jfr" "$@" | sed 's/^/    /'; }

for svc in scheduling-api records-api notifier; do
  [[ -f $root/$svc/target/quarkus-app/quarkus-run.jar ]] || (cd "$root" && ./mvnw -B -q -DskipTests package)
done

{
  echo "# Profiles (JDK Flight Recorder)"
  echo
  echo "Machine: $(nproc) cores, $(uname -sr); \`deploy/bench/profile.sh\`, $(date -u +%Y-%m-%dT%H:%MZ), $(java -version 2>&1 | head -n 1)."
  echo "Shares of CPU samples (JFR \`profile\` settings); read them as proportions, not timings."
  echo
  echo "## Start-up, to the first ready answer (innermost library on the stack, plumbing aside)"
  echo
  for svc in scheduling-api records-api notifier; do
    bench_prepare_database java "$root/$svc/target/quarkus-app" "$svc"
    start=$(date +%s%N)
    pid=$(bench_launch java "$root/$svc/target/quarkus-app" "$svc" "$port" "$work/$svc-profile.log" \
      -XX:StartFlightRecording=settings=profile,filename="$work/$svc-startup.jfr")
    bench_wait_ready "$pid" "$port" || { echo "[profile] $svc did not start; see $work/$svc-profile.log" >&2; exit 1; }
    ready=$(( ($(date +%s%N) - start) / 1000000 ))
    jcmd "$pid" JFR.dump filename="$work/$svc-startup.jfr" >/dev/null
    bench_stop "$pid"
    echo "$svc (ready after $ready ms with the recording on):"
    echo
    categories "$work/$svc-startup.jfr" startup
    echo
    echo "  the main thread's samples by start step:"
    echo
    categories "$work/$svc-startup.jfr" steps | head -n 9
    echo
  done

  if [[ -f $run_dir/scheduling-api.pid && -s $work/doctors.csv ]] && kill -0 "$(cat "$run_dir/scheduling-api.pid")" 2>/dev/null; then
    pid=$(cat "$run_dir/scheduling-api.pid")
    echo "## scheduling-api under load (innermost library on the stack)"
    echo
    for workload in "booking 64" "search 32"; do
      read -r scenario users <<< "$workload"
      jcmd "$pid" JFR.start name=bench settings=profile filename="$work/$scenario-load.jfr" >/dev/null
      bench_gatling "$scenario" "$users" 0 30 "$work/$scenario-profile.log"
      jcmd "$pid" JFR.stop name=bench >/dev/null
      echo "$scenario, $users clients, 30 s:"
      echo
      categories "$work/$scenario-load.jfr" load
      echo
    done
  else
    echo "(Not profiled under load: start the platform with deploy/local/up.sh and run deploy/bench/run.sh once.)"
  fi
} > "$results/profile.md"
cat "$results/profile.md"
