package io.redisfleet.controller.crash;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.RedisClusterClient;
import redis.clients.jedis.Response;

/**
 * What must hold after a gone-host cell: every declared node answers with cluster_state ok, the
 * 16384 slots served once and none open, no node knows an id that is not a live declared node
 * (the gone host's above all), and every acknowledged key reads back. Each problem names the node.
 */
final class GoneHostCheck {

  private GoneHostCheck() {}

  static List<String> cluster(List<HostAndPort> nodes, String goneAddress) {
    List<String> problems = new ArrayList<>();
    Map<HostAndPort, String> views = new HashMap<>();
    Set<String> liveIds = new HashSet<>();
    for (HostAndPort node : nodes) {
      try (Jedis j = new Jedis(node, GoneHostCells.PLAIN)) {
        String view = j.clusterNodes();
        views.put(node, view);
        view.lines().filter(l -> l.contains("myself")).forEach(l -> liveIds.add(l.split(" ")[0]));
        if (!j.clusterInfo().contains("cluster_state:ok")) {
          problems.add(node + ": cluster_state not ok");
        }
      } catch (RuntimeException e) {
        problems.add(node + " does not answer: " + e.getMessage());
      }
    }
    BitSet served = new BitSet(16384);
    views.forEach((node, view) -> view.lines().map(l -> l.split(" ")).forEach(w -> {
      if (!liveIds.contains(w[0]) || w[1].startsWith(goneAddress + ":")) {
        problems.add("ghost: " + node + " knows " + w[0] + " " + w[1] + " " + w[2]);
      }
      for (int i = 8; i < w.length; i++) {
        if (w[i].startsWith("[")) {
          problems.add("open slot on " + node + ": " + w[i]);
        } else if (w[2].contains("myself")) {
          String[] r = w[i].split("-");
          int from = Integer.parseInt(r[0]);
          int to = r.length == 1 ? from : Integer.parseInt(r[1]);
          if (served.get(from, to + 1).cardinality() > 0) {
            problems.add("slots " + w[i] + " served twice (again by " + node + ")");
          }
          served.set(from, to + 1);
        }
      }
    }));
    if (served.cardinality() != 16384) {
      problems.add("only " + served.cardinality() + " of 16384 slots served by declared masters");
    }
    return problems;
  }

  /** The slots served by masters at {@code address}, in the view of {@code seed}. */
  static Set<Integer> slotsOn(HostAndPort seed, String address) {
    Set<Integer> slots = new HashSet<>();
    try (Jedis j = new Jedis(seed, GoneHostCells.PLAIN)) {
      j.clusterNodes().lines().map(l -> l.split(" ")).filter(w -> w[1].startsWith(address + ":")).forEach(w -> {
        for (int i = 8; i < w.length; i++) {
          String[] r = w[i].split("-");
          int from = Integer.parseInt(r[0]);
          for (int slot = from; slot <= (r.length == 1 ? from : Integer.parseInt(r[1])); slot++) {
            slots.add(slot);
          }
        }
      });
    }
    return slots;
  }

  /**
   * As {@link #wholeShardOn}, once every node's view agrees, at most {@code patience}: the apply
   * before may have ended with a failover (a spread restore) whose new roles the other nodes learn
   * by gossip within a node timeout; a view read before that still shows the replica that just
   * handed over as a master, with no replica of its own.
   */
  static List<String> settledWholeShardOn(List<HostAndPort> nodes, String address, java.time.Duration patience)
      throws InterruptedException {
    long end = System.nanoTime() + patience.toNanos();
    while (true) {
      List<String> out = new ArrayList<>();
      for (HostAndPort n : nodes) {
        out.addAll(wholeShardOn(n, address).stream().map(s -> s + " (view of " + n + ")").toList());
      }
      if (out.isEmpty() || System.nanoTime() > end) {
        return out;
      }
      Thread.sleep(100);
    }
  }

  /** Shards whose every member is on {@code address}, in the view of {@code seed}: a gone host there would lose them. */
  static List<String> wholeShardOn(HostAndPort seed, String address) {
    try (Jedis j = new Jedis(seed, GoneHostCells.PLAIN)) {
      List<String[]> lines = j.clusterNodes().lines().map(l -> l.split(" ")).toList();
      List<String> out = new ArrayList<>();
      lines.stream().filter(w -> w.length > 8 && w[2].contains("master")).forEach(m -> {
        boolean elsewhere = !m[1].startsWith(address + ":")
            || lines.stream().anyMatch(r -> r[3].equals(m[0]) && !r[1].startsWith(address + ":"));
        if (!elsewhere) {
          out.add("shard of " + m[0] + " " + m[1] + " wholly on " + address);
        }
      });
      return out;
    }
  }

  /** Acknowledged keys that do not read back with their value (pipelined: the keys add up over the cells). */
  static List<String> lost(List<HostAndPort> nodes, Map<String, String> acked) {
    List<String> lost = new ArrayList<>();
    List<Map.Entry<String, String>> all = new ArrayList<>(acked.entrySet());
    try (RedisClusterClient cluster = RedisClusterClient.create(Set.copyOf(nodes))) {
      for (int from = 0; from < all.size(); from += 2000) {
        List<Map.Entry<String, String>> batch = all.subList(from, Math.min(all.size(), from + 2000));
        try (AbstractPipeline p = cluster.pipelined()) {
          List<Response<String>> values = batch.stream().map(e -> p.get(e.getKey())).toList();
          p.sync();
          for (int i = 0; i < batch.size(); i++) {
            if (!batch.get(i).getValue().equals(values.get(i).get())) {
              lost.add(batch.get(i).getKey());
            }
          }
        }
      }
    } catch (RuntimeException e) {
      return List.of("acknowledged keys unreadable: " + e);
    }
    return lost.isEmpty() ? lost
        : List.of("LOST " + lost.size() + " of " + all.size() + " acknowledged keys, e.g. " + lost.subList(0, Math.min(5, lost.size())));
  }

  /** Whether every replica has every write its master took (so powering a host off loses none). */
  static boolean replicated(List<HostAndPort> nodes) {
    for (HostAndPort node : nodes) {
      try (Jedis j = new Jedis(node, GoneHostCells.PLAIN)) {
        List<String> info = j.info("replication").lines().map(String::trim).toList();
        if (!info.contains("role:master")) {
          continue;
        }
        String offset = info.stream().filter(l -> l.startsWith("master_repl_offset:")).findFirst().orElse("?")
            .substring("master_repl_offset:".length());
        boolean behind = info.stream().filter(l -> l.matches("slave\\d+:.*"))
            .anyMatch(l -> !l.contains(",offset=" + offset + ","));
        if (behind || info.contains("connected_slaves:0")) {
          return false;
        }
      }
    }
    return true;
  }
}
