package io.redisfleet.controller.crash;

import io.redisfleet.controller.it.Cli;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import redis.clients.jedis.Jedis;

/**
 * What must hold once a crashed operation was recovered: every slot served once and none open,
 * cluster_state ok on every node, no node id any node knows that is not a live declared node
 * (ghost), no redis-server the agents run that the inventory does not declare (orphan), the
 * group's master serving with its replica linked, and {@code controller status} healthy.
 * Acknowledged keys are checked by {@link KeyCheck}. Returns the problems, each naming the node.
 */
final class FleetCheck {

  private FleetCheck() {}

  static List<String> problems(CrashHosts hosts, Shape shape, Access access) {
    List<String> problems = new ArrayList<>();
    Set<String> declared = shape.declared().stream().map(i -> CrashHosts.host(i) + ":" + hosts.ports.get(i))
        .collect(Collectors.toSet());
    hosts.running().stream().filter(r -> !declared.contains(r.host() + ":" + r.port()))
        .forEach(r -> problems.add("orphan: " + r.host() + ":" + r.port() + " (pid " + r.pid() + ") runs but is not declared"));
    if (!shape.clusterNodes().isEmpty()) {
      cluster(shape.clusterNodes(), access, problems);
    }
    if (!shape.group().isEmpty()) {
      group(shape.group(), access, problems);
    }
    Cli status = Cli.run("status", hosts.inventory.toString());
    if (status.exit() != 0) {
      problems.add("controller status exit " + status.exit() + ":\n" + status.out() + status.err());
    }
    return problems;
  }

  private static void cluster(List<Integer> nodes, Access access, List<String> problems) {
    Map<Integer, String> views = new java.util.HashMap<>();
    Set<String> liveIds = new HashSet<>();
    for (int node : nodes) {
      try (Jedis j = access.jedis(node)) {
        String view = j.clusterNodes();
        views.put(node, view);
        view.lines().filter(l -> l.contains("myself")).forEach(l -> liveIds.add(l.split(" ")[0]));
        String state = j.clusterInfo().lines().filter(l -> l.startsWith("cluster_state:")).findFirst().orElse("?");
        if (!state.trim().equals("cluster_state:ok")) {
          problems.add(access.ref(node) + ": " + state.trim());
        }
      } catch (RuntimeException e) {
        problems.add(access.ref(node) + " (" + access.endpoint(node) + ") does not answer: " + e.getMessage());
      }
    }
    BitSet served = new BitSet(16384);
    views.forEach((node, view) -> view.lines().map(l -> l.split(" ")).forEach(w -> {
      if (!liveIds.contains(w[0])) {
        problems.add("ghost: " + access.ref(node) + " knows " + w[0] + " " + w[1] + " " + w[2]);
      }
      for (int i = 8; i < w.length; i++) {
        if (w[i].startsWith("[")) {
          problems.add("open slot on " + access.ref(node) + ": " + w[i]);
        } else if (w[2].contains("myself")) {
          String[] r = w[i].split("-");
          int from = Integer.parseInt(r[0]);
          int to = r.length == 1 ? from : Integer.parseInt(r[1]);
          if (served.get(from, to + 1).cardinality() > 0) {
            problems.add("slots " + w[i] + " served twice (again by " + access.ref(node) + ")");
          }
          served.set(from, to + 1);
        }
      }
    }));
    if (served.cardinality() != 16384) {
      problems.add("only " + served.cardinality() + " of 16384 slots served by declared masters");
    }
  }

  private static void group(List<Integer> group, Access access, List<String> problems) {
    int master = group.get(0);
    int replica = group.get(1);
    try (Jedis m = access.jedis(master); Jedis r = access.jedis(replica)) {
      String role = m.info("replication").lines().filter(l -> l.startsWith("role:")).findFirst().orElse("?");
      if (!role.trim().equals("role:master")) {
        problems.add("group master " + access.ref(master) + " is not a master: " + role.trim());
      }
      String link = r.info("replication").lines().filter(l -> l.startsWith("master_port:") || l.startsWith("master_link_status:"))
          .map(String::trim).collect(Collectors.joining(" "));
      if (!link.equals("master_port:" + access.endpoint(master).getPort() + " master_link_status:up")) {
        problems.add("group replica " + access.ref(replica) + " is not linked to " + access.ref(master) + ": " + link);
      }
    } catch (RuntimeException e) {
      problems.add("group " + access.ref(master) + "/" + access.ref(replica) + ": " + e.getMessage());
    }
  }
}
