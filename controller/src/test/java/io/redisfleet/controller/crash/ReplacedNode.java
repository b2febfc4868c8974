package io.redisfleet.controller.crash;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import redis.clients.jedis.Jedis;

/**
 * A disk replaced under a replica (issue #8.2): its redis-server is SIGKILLed and its data dir
 * (nodes.conf, AOF) wiped, so the next start gives it a new node id at its old address, while
 * every peer keeps the old id. The plan the cell is cut from is the rejoin: start, the MEET that
 * expects the new id, its role as replica, then (a round later, once the new id answers)
 * forget-stale of the old id on every node. A replica, not a master: a replaced master is first
 * failed over by Redis (HealIT), after which it is this same case plus a spread restore, which
 * the spread restore cell proves on its own; the replica keeps the cell lean.
 */
final class ReplacedNode implements Scenario.Disturbance {

  @Override
  public void apply(CrashHosts hosts, Shape shape) throws Exception {
    Access access = Access.of(hosts, shape);
    int replica = shape.clusterNodes().stream().filter(n -> role(access, n).equals("slave")).findFirst()
        .orElseThrow(() -> new IllegalStateException("no replica in " + shape.clusterNodes()));
    CrashHosts.Running victim = hosts.running().stream()
        .filter(r -> r.host().equals(CrashHosts.host(replica)) && r.port() == hosts.ports.get(replica)).findFirst()
        .orElseThrow(() -> new IllegalStateException("node " + replica + " does not run"));
    ProcessHandle.of(victim.pid()).ifPresent(p -> {
      p.destroyForcibly();
      p.onExit().orTimeout(10, TimeUnit.SECONDS).join();
    });
    wipe(hosts.dir.resolve(victim.host()).resolve("data").resolve(String.valueOf(victim.port())));
  }

  private static void wipe(Path data) throws IOException {
    try (Stream<Path> files = Files.walk(data)) {
      for (Path f : files.sorted(Comparator.reverseOrder()).filter(p -> !p.equals(data)).toList()) {
        Files.delete(f);
      }
    }
  }

  private static String role(Access access, int node) {
    try (Jedis j = access.jedis(node)) {
      return j.info("replication").lines().filter(l -> l.startsWith("role:")).findFirst()
          .map(l -> l.substring(5).trim()).orElse("");
    }
  }
}
