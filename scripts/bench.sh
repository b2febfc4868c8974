#!/usr/bin/env bash
# Benchmarks: programs that print figures beside a peer measured in the same run (no test asserts a time).
#   scripts/bench.sh create [ROUNDS]   6-node cluster created by redis-fleet vs redis-cli --cluster create
#   scripts/bench.sh validate [N...]   validate of one cluster of N nodes (default 200 400 800 2000 10000)
#                                      vs the same nodes as replication groups (no placement)
#   scripts/bench.sh fanout [--redis] [N...]  no-op apply and plan against N real gRPC agents in one JVM
#                                      (default 10 50 200 500; the agents manage no Redis nodes; with --redis
#                                      one real redis-server each, N/2 replication pairs, default 10 50 200)
#   scripts/bench.sh agent [NOOPS]     the agent jar as its own JVM with the .deb's JAVA_OPTS, then with each
#                                      memory/start lever added: start-to-serving and RSS fresh and after work
#   scripts/bench.sh noop [ROUNDS]     a no-op apply as a whole process (JVM included), 6 local nodes, with the
#                                      .deb's JVM options, bin/controller's, and those plus an AppCDS archive
#   scripts/bench.sh reshard [KEYS] [SIZE]  3 -> 4 masters with KEYS keys of SIZE bytes (255000 100): one apply vs
#                                      redis-cli --cluster add-node + rebalance --cluster-use-empty-masters
#   scripts/bench.sh restart           write gap per shard during controller restart --rolling (6 nodes) vs a
#                                      master killed and failed over by Redis itself (node-timeout 5 s)
#   scripts/bench.sh hosts [ROUNDS]    no-op apply, plan and status (bin/controller, whole process) against 12 nodes
#                                      on 3 real e2e hosts (systemd-nspawn, the .debs) over mutual TLS; root, and
#                                      one e2e harness run per machine at a time (it boots and tears down the hosts)
#   scripts/bench.sh all               every bench above, then one table with date, machine and ratios
# Loopback only. Builds in this checkout (target/), installs nothing into ~/.m2.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
what="${1:-create}"
[ $# -gt 0 ] && shift
mvn -B -ntp -q test-compile org.apache.maven.plugins:maven-dependency-plugin:3.9.0:build-classpath \
  -pl controller -am -Dmdep.outputFile=target/bench.cp
cp="controller/target/test-classes:controller/target/classes:$(cat controller/target/bench.cp)"
bench() { java -cp "$cp" "io.redisfleet.controller.bench.$1" "${@:2}"; }
# bin/controller's jar (the create bench runs the controller as a whole process)
controller_jar() { mvn -B -ntp -q package -DskipTests -pl controller -am; }
# The real-hosts bench: the .debs the hosts install, bin/controller's jar, the e2e harness classes.
bench_hosts() {
  mvn -B -ntp -q package -DskipTests -pl packaging -am
  mvn -B -ntp -q test-compile org.apache.maven.plugins:maven-dependency-plugin:3.9.0:build-classpath \
    -pl e2e -am -Dmdep.outputFile=target/bench-e2e.cp
  java -cp "e2e/target/test-classes:$(cat e2e/target/bench-e2e.cp)" -Dredisfleet.root="$PWD" \
    io.redisfleet.e2e.HostsNoopBench "$@"
}
case "$what" in
  create) controller_jar; bench CreateClusterBench "${1:-3}" ;;
  [0-9]*) controller_jar; bench CreateClusterBench "$what" ;; # the older form: scripts/bench.sh ROUNDS
  validate) bench ValidateBench "$@" ;;
  fanout) bench FanOutBench "$@" ;;
  restart) bench RollingRestartBench ;;
  reshard) bench ReshardBench "$@" ;;
  hosts) bench_hosts "$@" ;;
  noop)
    controller_jar
    bench NoopApplyBench controller/target/redis-fleet-controller-0.1.0-all.jar "$@" ;;
  agent)
    mvn -B -ntp -q package -DskipTests -pl agent -am
    bench AgentFootprintBench agent/target/redis-fleet-agent-0.1.0-all.jar "$@" ;;
  all)
    out=$(mktemp)
    trap 'rm -f "$out"' EXIT
    bench ValidateBench | tee -a "$out"
    controller_jar
    bench CreateClusterBench 3 | tee -a "$out"
    bench FanOutBench | tee -a "$out"
    bench FanOutBench --redis | tee -a "$out"
    bench RollingRestartBench | tee -a "$out"
    bench ReshardBench | tee -a "$out"
    mvn -B -ntp -q package -DskipTests -pl agent -am
    bench AgentFootprintBench agent/target/redis-fleet-agent-0.1.0-all.jar | tee -a "$out"
    bench NoopApplyBench controller/target/redis-fleet-controller-0.1.0-all.jar | tee -a "$out"
    (bench_hosts | tee -a "$out") || echo "hosts bench not run here (it needs root and the e2e harness: e2e/README.md)"
    echo
    echo "## redis-fleet benchmarks, $(date -u '+%Y-%m-%d %H:%M UTC')"
    echo "machine: $(uname -srm), $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //'),"\
      "$(free -g | awk '/Mem:/ {print $2}') GiB, load $(cut -d' ' -f1-3 /proc/loadavg)"
    echo
    echo "| figure | redis-fleet | peer (same run) | ratio | goal |"
    echo "|---|---|---|---|---|"
    sed -n 's/^TABLE| /| /p' "$out"
    ;;
  *) echo "usage: scripts/bench.sh create [ROUNDS] | validate [N...] | fanout [--redis] [N...] | restart | reshard [KEYS] [SIZE] | agent [NOOPS] | noop [ROUNDS] | hosts [ROUNDS] | all" >&2; exit 64 ;;
esac
