#!/usr/bin/env bash
# Stops what deploy/local/up.sh started, by the PIDs it recorded (never by process name).
# Leaves PostgreSQL, RabbitMQ and Redis running. Idempotent.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
run_dir=${CLINIC_RUN_DIR:-$here/.run}

for svc in scheduling-api notifier records-api; do
  pid_file=$run_dir/$svc.pid
  [[ -f $pid_file ]] || continue
  pid=$(cat "$pid_file")
  if kill -0 "$pid" 2>/dev/null; then
    echo "[down] stopping $svc (pid $pid)"
    kill "$pid"
    for _ in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    if kill -0 "$pid" 2>/dev/null; then
      echo "[down] $svc did not stop in 15 s, killing it"
      kill -9 "$pid" 2>/dev/null || true
    fi
  fi
  rm -f "$pid_file"
done
echo "[down] done"
