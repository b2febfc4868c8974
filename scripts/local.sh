#!/usr/bin/env bash
# The main job on one machine: installs what is missing, builds, and brings up the tutorial's
# 6-node Redis Cluster on 127.0.0.1:7000-7005 plus the 6380 -> 6381 pair (inventory/local.conf).
# Run it again: it changes nothing. Extra arguments go to `controller apply` (e.g. --json).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
if [ ! -f controller/target/redis-fleet-controller-0.1.0-all.jar ] || [ -n "$(find . -name '*.java' -newer controller/target/redis-fleet-controller-0.1.0-all.jar -print -quit)" ]; then
  mvn -B -ntp package -DskipTests
fi
exec bin/controller apply inventory/local.conf "$@"
