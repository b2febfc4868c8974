#!/usr/bin/env bash
# Benchmark: redis-fleet vs redis-cli --cluster create, the tutorial's 6-node cluster on loopback,
# side by side in one run. Prints each round, medians and the ratio. Usage: scripts/bench.sh [ROUNDS]
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
mvn -B -ntp -q install -DskipTests -pl proto,agent,controller -am
mvn -B -ntp -q test-compile dependency:build-classpath -pl controller -Dmdep.outputFile=target/bench.cp
exec java -cp "controller/target/test-classes:controller/target/classes:$(cat controller/target/bench.cp)" \
  io.redisfleet.controller.bench.CreateClusterBench "${1:-3}"
