#!/usr/bin/env bash
# Makes PostgreSQL, Redis and RabbitMQ available on localhost for the three services and their
# tests: starts them when installed, installs them with apt-get on Debian when absent, then
# creates the roles, databases and the test virtual host. Idempotent. Sourced by up.sh and test.sh;
# can be run alone. Point at existing servers instead with DB_HOST/DB_PORT, REDIS_URL,
# RABBITMQ_HOST/RABBITMQ_PORT (then nothing is started or installed for that server).
set -euo pipefail

DB_HOST=${DB_HOST:-127.0.0.1}
DB_PORT=${DB_PORT:-5432}
REDIS_URL=${REDIS_URL:-redis://127.0.0.1:6379}
RABBITMQ_HOST=${RABBITMQ_HOST:-127.0.0.1}
RABBITMQ_PORT=${RABBITMQ_PORT:-5672}
PG_SUPERUSER=${PG_SUPERUSER:-postgres}
SERVICES=(scheduling records notifier)

redis_hostport=${REDIS_URL#*://}; redis_hostport=${redis_hostport##*@}; redis_hostport=${redis_hostport%%/*}
REDIS_HOST=${redis_hostport%%:*}
REDIS_PORT=${redis_hostport##*:}; [[ $REDIS_PORT == "$REDIS_HOST" ]] && REDIS_PORT=6379

log() { printf '[infra] %s\n' "$*"; }
die() { printf '[infra] ERROR: %s\n' "$*" >&2; exit 1; }

is_local() { [[ $1 == 127.0.0.1 || $1 == localhost || $1 == ::1 ]]; }

port_open() { (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null; }

wait_port() { # host port name seconds
  local i
  for ((i = 0; i < $4; i++)); do port_open "$1" "$2" && return 0; sleep 1; done
  return 1
}

as_root() {
  if [[ $(id -u) -eq 0 ]]; then "$@"
  elif command -v sudo >/dev/null; then sudo "$@"
  else return 1; fi
}

apt_install() { # package...
  if ! command -v apt-get >/dev/null; then return 1; fi
  log "installing $* with apt-get"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null || return 1
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null || return 1
}

missing() { # name host port how
  die "$1 is not reachable at $2:$3 and could not be started or installed here.
  Provide it: $4
  or point the services at an existing server with the environment variables listed in README.md."
}

ensure_postgres() {
  port_open "$DB_HOST" "$DB_PORT" && return 0
  is_local "$DB_HOST" || missing PostgreSQL "$DB_HOST" "$DB_PORT" "start your PostgreSQL server"
  if ! command -v pg_ctlcluster >/dev/null; then
    apt_install postgresql postgresql-contrib \
      || missing PostgreSQL "$DB_HOST" "$DB_PORT" "install PostgreSQL 15+ (Debian: apt-get install postgresql)"
  fi
  local version
  version=$(ls /etc/postgresql 2>/dev/null | sort -V | tail -1)
  [[ -n $version ]] || missing PostgreSQL "$DB_HOST" "$DB_PORT" "create a cluster (pg_createcluster)"
  log "starting PostgreSQL $version"
  as_root pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
  wait_port "$DB_HOST" "$DB_PORT" 30 || missing PostgreSQL "$DB_HOST" "$DB_PORT" "check /var/log/postgresql"
}

ensure_redis() {
  port_open "$REDIS_HOST" "$REDIS_PORT" && return 0
  is_local "$REDIS_HOST" || missing Redis "$REDIS_HOST" "$REDIS_PORT" "start your Redis server"
  if ! command -v redis-server >/dev/null; then
    apt_install redis-server || missing Redis "$REDIS_HOST" "$REDIS_PORT" "install Redis 6+ (Debian: apt-get install redis-server)"
  fi
  log "starting Redis on port $REDIS_PORT"
  redis-server --daemonize yes --bind 127.0.0.1 -::1 --port "$REDIS_PORT" --save "" --appendonly no >/dev/null
  wait_port "$REDIS_HOST" "$REDIS_PORT" 15 || missing Redis "$REDIS_HOST" "$REDIS_PORT" "check the Redis log"
}

ensure_rabbitmq() {
  if ! port_open "$RABBITMQ_HOST" "$RABBITMQ_PORT"; then
    is_local "$RABBITMQ_HOST" || missing RabbitMQ "$RABBITMQ_HOST" "$RABBITMQ_PORT" "start your RabbitMQ broker"
    if ! command -v rabbitmq-server >/dev/null; then
      apt_install rabbitmq-server \
        || missing RabbitMQ "$RABBITMQ_HOST" "$RABBITMQ_PORT" "install RabbitMQ 3.12+ (Debian: apt-get install rabbitmq-server)"
    fi
    if ! port_open "$RABBITMQ_HOST" "$RABBITMQ_PORT"; then
      log "starting RabbitMQ (takes a few seconds)"
      as_root rabbitmq-server -detached >/dev/null 2>&1 || true
    fi
    wait_port "$RABBITMQ_HOST" "$RABBITMQ_PORT" 90 || missing RabbitMQ "$RABBITMQ_HOST" "$RABBITMQ_PORT" "check the RabbitMQ log"
  fi
  # The test suites use their own virtual host, so a running local stack never sees test events.
  if is_local "$RABBITMQ_HOST" && command -v rabbitmqctl >/dev/null; then
    local i
    for ((i = 0; i < 30; i++)); do as_root rabbitmqctl -q await_startup >/dev/null 2>&1 && break; sleep 1; done
    if ! as_root rabbitmqctl -q list_vhosts 2>/dev/null | grep -qx clinic-test; then
      as_root rabbitmqctl -q add_vhost clinic-test >/dev/null
    fi
    # The tests' own broker client (TestBroker) plays every producer, so guest keeps full rights there.
    as_root rabbitmqctl -q set_permissions -p clinic-test guest '.*' '.*' '.*' >/dev/null
    ensure_broker_users
  else
    log "note: make sure virtual host 'clinic-test' and the services' broker users exist on $RABBITMQ_HOST (see deploy/events.md)"
  fi
}

# One broker user per service (deploy/events.md, "Trust"), in '/' and 'clinic-test': each may
# declare and use only its own queues and the shared exchanges, and publish on clinic.events only
# its own routing keys (topic permission). Local password: the user's name, as for the database
# roles (set RABBITMQ_PASSWORD elsewhere). Permissions are reset on every run (idempotent).
ensure_broker_users() {
  local user vhost existing
  existing=$(as_root rabbitmqctl -q list_users 2>/dev/null | awk '{ print $1 }')
  declare -A resources=(
    [clinic-scheduling-api]='clinic\.events'
    [clinic-records-api]='clinic\.events|clinic\.dlx|records-api\.events(\.dlq)?'
    [clinic-notifier]='clinic\.events|clinic\.dlx|notifier\.events(\.dlq)?')
  declare -A writable=(
    [clinic-scheduling-api]='clinic\.events'
    [clinic-records-api]='clinic\.events|clinic\.dlx|records-api\.events(\.dlq)?'
    [clinic-notifier]='clinic\.dlx|notifier\.events(\.dlq)?')
  declare -A routing_keys=([clinic-scheduling-api]='^scheduling\.' [clinic-records-api]='^records\.' [clinic-notifier]='^$')
  for user in clinic-scheduling-api clinic-records-api clinic-notifier; do
    if ! grep -qx -- "$user" <<<"$existing"; then
      as_root rabbitmqctl -q add_user "$user" "$user" >/dev/null
    fi
    for vhost in / clinic-test; do
      as_root rabbitmqctl -q set_permissions -p "$vhost" "$user" \
        "^(${resources[$user]})\$" "^(${writable[$user]})\$" "^(${resources[$user]})\$" >/dev/null
      as_root rabbitmqctl -q set_topic_permissions -p "$vhost" "$user" clinic.events "${routing_keys[$user]}" '.*' >/dev/null
    done
  done
}

psql_super() { psql -h "$DB_HOST" -p "$DB_PORT" -U "$PG_SUPERUSER" -d postgres -v ON_ERROR_STOP=1 -qtA "$@"; }

ensure_databases() {
  command -v psql >/dev/null || die "psql is needed to create the databases (Debian: apt-get install postgresql-client)"
  if ! psql_super -c 'select 1' >/dev/null 2>&1; then
    log "note: cannot connect as $PG_SUPERUSER to $DB_HOST:$DB_PORT; assuming roles and databases exist"
    return 0
  fi
  local svc db
  for svc in "${SERVICES[@]}"; do
    # Local development roles; the password only matters where the server asks for one.
    psql_super -c "do \$\$ begin
        if not exists (select from pg_roles where rolname = '$svc') then
          create role $svc login password '$svc';
        end if; end \$\$;"
    for db in "$svc" "${svc}_test"; do
      if [[ -z $(psql_super -c "select 1 from pg_database where datname = '$db'") ]]; then
        psql_super -c "create database $db owner $svc" >/dev/null
      fi
    done
  done
}

# The run scripts' own tools (up.sh, smoke.sh, faults.sh, walkthrough.sh).
ensure_tools() {
  local tool
  for tool in curl jq openssl; do
    command -v "$tool" >/dev/null || apt_install "$tool" || die "$tool is needed by the run scripts (Debian: apt-get install $tool)"
  done
}

ensure_tools
ensure_postgres
ensure_redis
ensure_rabbitmq
ensure_databases
log "PostgreSQL $DB_HOST:$DB_PORT, Redis $REDIS_HOST:$REDIS_PORT, RabbitMQ $RABBITMQ_HOST:$RABBITMQ_PORT ready"
