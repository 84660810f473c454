#!/usr/bin/env bash
# The whole test suite: makes sure PostgreSQL, RabbitMQ and Redis are up (infra.sh), runs every
# module's tests against them with the Maven wrapper, then the end-to-end smoke test of the three
# packaged services (smoke.sh). Idempotent; does not disturb a stack started by up.sh.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)

bash "$here/infra.sh"
(cd "$root" && ./mvnw -B "$@" verify)
bash "$here/smoke.sh"
