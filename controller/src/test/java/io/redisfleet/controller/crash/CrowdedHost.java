package io.redisfleet.controller.crash;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import redis.clients.jedis.Jedis;

/**
 * What a failed host leaves behind: a master of the host with the fewest masters is failed over
 * by hand (CLUSTER FAILOVER on its replica, on the other host), so one host holds every master
 * and the next apply restores the spread (plan/SpreadPlanner). Waits until the roles swapped and
 * every node says cluster_state:ok, so the plan the cell is cut from is the spread restore alone.
 */
final class CrowdedHost implements Scenario.Disturbance {

  private static final long DEADLINE_NANOS = TimeUnit.SECONDS.toNanos(60);

  @Override
  public void apply(CrashHosts hosts, Shape shape) throws Exception {
    Access access = Access.of(hosts, shape);
    List<Integer> masters = new ArrayList<>();
    for (int n : shape.clusterNodes()) {
      if (field(access, n, "role").equals("master")) {
        masters.add(n);
      }
    }
    long onA = masters.stream().filter(n -> CrashHosts.host(n).equals("a")).count();
    String fewer = onA * 2 < masters.size() ? "a" : "b";
    int master = masters.stream().filter(n -> CrashHosts.host(n).equals(fewer)).findFirst()
        .orElseThrow(() -> new IllegalStateException("host " + fewer + " holds no master already: " + masters));
    int replica = shape.clusterNodes().stream()
        .filter(n -> field(access, n, "role").equals("slave")
            && field(access, n, "master_port").equals(String.valueOf(hosts.ports.get(master))))
        .findFirst().orElseThrow(() -> new IllegalStateException("no replica of node " + master));
    long deadline = System.nanoTime() + DEADLINE_NANOS;
    long retry = 0;
    while (!(field(access, replica, "role").equals("master") && field(access, master, "master_link_status").equals("up")
        && shape.clusterNodes().stream().allMatch(n -> clusterOk(access, n)))) {
      if (System.nanoTime() > retry && field(access, replica, "role").equals("slave")) {
        // Redis drops a manual failover it cannot finish within 5 s (and the masters do not vote
        // again for that shard for 2 node timeouts): ask again every 15 s
        failover(access, replica);
        retry = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
      }
      if (System.nanoTime() > deadline) {
        StringBuilder seen = new StringBuilder();
        for (int n : shape.clusterNodes()) {
          seen.append(" node ").append(n).append(' ').append(field(access, n, "role")).append(" link=")
              .append(field(access, n, "master_link_status")).append(" ok=").append(clusterOk(access, n));
        }
        throw new IllegalStateException("the by-hand failover of node " + master + " to " + replica
            + " did not settle in 60 s:" + seen);
      }
      Thread.sleep(100);
    }
  }

  private static void failover(Access access, int replica) {
    try (Jedis j = access.jedis(replica)) {
      String ok = j.clusterFailover();
      if (!"OK".equals(ok)) {
        throw new IllegalStateException("CLUSTER FAILOVER on node " + replica + ": " + ok);
      }
    }
  }

  private static String field(Access access, int node, String name) {
    try (Jedis j = access.jedis(node)) {
      return j.info("replication").lines().filter(l -> l.startsWith(name + ":")).findFirst()
          .map(l -> l.substring(name.length() + 1).trim()).orElse("");
    }
  }

  private static boolean clusterOk(Access access, int node) {
    try (Jedis j = access.jedis(node)) {
      return j.clusterInfo().contains("cluster_state:ok");
    }
  }
}
