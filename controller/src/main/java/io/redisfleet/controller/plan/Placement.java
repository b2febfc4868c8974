package io.redisfleet.controller.plan;

import io.redisfleet.controller.model.Host;
import io.redisfleet.controller.model.NodeRef;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Chooses masters and replicas for a cluster by inventory host (not by IP string, as redis-cli
 * does, which misses two names for one machine).
 *
 * <p>Replicas come from a maximum bipartite matching between free nodes and open replica
 * positions, an edge meaning "another host than the master", so a replica shares its master's
 * host only when no assignment avoids it. How many positions can be matched depends on the
 * masters chosen: with T positions, host h holding c_h nodes of which m_h masters, the matching
 * misses exactly max(0, max_h(c_h + (r-1)·m_h) - T) positions (one host at most can be short,
 * Hall's condition over hosts). So masters are chosen under a cap on c_h + (r-1)·m_h — the
 * smallest achievable maximum, found by water-filling — and, within the cap, one at a time from
 * the host with the fewest masters so far (then the most free nodes, then inventory order), which
 * spreads masters across hosts whenever that costs no anti-affinity.
 * Nodes already fixed by the observed cluster (masters owning slots, attached replicas) keep
 * their role; only the rest are placed.
 */
public final class Placement {

  private Placement() {}

  /** Places a cluster from nothing. */
  public static Layout place(List<NodeRef> nodes, int replicas) {
    return complete(nodes, replicas, List.of(), Map.of());
  }

  /**
   * Places a cluster from nothing, preferring replicas in another rack and zone than their
   * master (host labels) once host anti-affinity is as good as it can be.
   */
  public static Layout place(List<NodeRef> nodes, int replicas, Map<String, Host> hosts) {
    return complete(nodes, replicas, List.of(), Map.of(), hosts);
  }

  /**
   * Completes a layout around nodes whose roles are already fixed.
   *
   * @param fixedMasters masters that keep their role, in slot order
   * @param fixedReplicaOf replicas that stay attached to their master
   */
  public static Layout complete(List<NodeRef> nodes, int replicas, List<NodeRef> fixedMasters,
      Map<NodeRef, NodeRef> fixedReplicaOf) {
    return complete(nodes, replicas, fixedMasters, fixedReplicaOf, Map.of());
  }

  /** As {@link #complete(List, int, List, Map)}, with host labels for rack/zone preference. */
  public static Layout complete(List<NodeRef> nodes, int replicas, List<NodeRef> fixedMasters,
      Map<NodeRef, NodeRef> fixedReplicaOf, Map<String, Host> hosts) {
    int masterCount = Math.max(nodes.size() / (replicas + 1), fixedMasters.size());
    List<NodeRef> masters = new ArrayList<>(fixedMasters);
    List<NodeRef> free = new ArrayList<>(nodes);
    free.removeAll(fixedMasters);
    free.removeAll(fixedReplicaOf.keySet());
    int toPick = Math.max(0, masterCount - masters.size());
    long positions = (long) masterCount * replicas - fixedReplicaOf.size();
    long cap = cap(masters, free, replicas, toPick, positions);
    while (masters.size() < masterCount && !free.isEmpty()) {
      NodeRef next = nextMaster(masters, free, replicas, cap);
      masters.add(next);
      free.remove(next);
    }
    Map<NodeRef, NodeRef> replicaOf = new LinkedHashMap<>(fixedReplicaOf);
    assignReplicas(masters, replicas, free, replicaOf, hosts);
    return new Layout(masters, replicaOf);
  }

  private static NodeRef nextMaster(List<NodeRef> masters, List<NodeRef> free, int replicas, long cap) {
    Map<String, Long> mastersPerHost = countByHost(masters);
    Map<String, Long> freePerHost = countByHost(free);
    Comparator<NodeRef> order = Comparator
        .comparingLong((NodeRef n) -> mastersPerHost.getOrDefault(n.host(), 0L))
        .thenComparing(n -> -freePerHost.get(n.host()));
    return free.stream()
        .filter(n -> load(n.host(), masters, free, replicas, 1) <= cap)
        .min(order) // min is stable: inventory order breaks ties
        .orElseGet(() -> free.get(0));
  }

  /** c_h + (r-1)·(m_h + extra): what host h weighs against the replica positions. */
  private static long load(String host, List<NodeRef> masters, List<NodeRef> free, int replicas, int extra) {
    long m = masters.stream().filter(n -> n.host().equals(host)).count();
    long c = m + free.stream().filter(n -> n.host().equals(host)).count();
    return c + (long) (replicas - 1) * (m + extra);
  }

  /** The smallest achievable max load (water-filling), never below the free capacity T. */
  private static long cap(List<NodeRef> masters, List<NodeRef> free, int replicas, int toPick, long positions) {
    List<NodeRef> m = new ArrayList<>(masters);
    List<NodeRef> f = new ArrayList<>(free);
    for (int i = 0; i < toPick && !f.isEmpty(); i++) {
      NodeRef best = f.stream().min(Comparator.comparingLong(n -> load(n.host(), m, f, replicas, 1))).orElseThrow();
      m.add(best);
      f.remove(best);
    }
    long max = Placement.hosts(f.isEmpty() ? m : concat(m, f)).stream()
        .mapToLong(h -> load(h, m, f, replicas, 0)).max().orElse(0);
    return Math.max(max, positions);
  }

  private static List<NodeRef> concat(List<NodeRef> a, List<NodeRef> b) {
    List<NodeRef> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }

  private static void assignReplicas(List<NodeRef> masters, int replicas, List<NodeRef> free,
      Map<NodeRef, NodeRef> replicaOf, Map<String, Host> hosts) {
    List<NodeRef> positions = new ArrayList<>();
    for (int round = 0; round < replicas; round++) {
      for (NodeRef master : masters) {
        long have = replicaOf.values().stream().filter(master::equals).count();
        if (have + positions.stream().filter(master::equals).count() < replicas) {
          positions.add(master);
        }
      }
    }
    NodeRef[] matched = AntiAffinityMatching.match(positions, free, (a, b) -> sameLabel(hosts, a, b));
    List<NodeRef> left = new ArrayList<>(free);
    for (int i = 0; i < positions.size(); i++) {
      if (matched[i] != null) {
        replicaOf.put(matched[i], positions.get(i));
        left.remove(matched[i]);
      }
    }
    for (int i = 0; i < positions.size() && !left.isEmpty(); i++) {
      if (matched[i] == null) {
        replicaOf.put(left.remove(0), positions.get(i));
      }
    }
    for (NodeRef extra : left) { // more nodes than positions: give them to the emptiest shard
      NodeRef target = masters.stream()
          .min(Comparator.comparingLong(m -> replicaOf.values().stream().filter(m::equals).count()))
          .orElseThrow();
      replicaOf.put(extra, target);
    }
  }

  /** Whether two nodes share a rack or zone (unlabelled hosts share nothing). */
  private static boolean sameLabel(Map<String, Host> hosts, NodeRef a, NodeRef b) {
    Host ha = hosts.get(a.host());
    Host hb = hosts.get(b.host());
    if (ha == null || hb == null) {
      return false;
    }
    return TopologyAnalysis.LABELS.stream().anyMatch(l -> ha.labels().get(l) != null
        && ha.labels().get(l).equals(hb.labels().get(l)));
  }

  private static Map<String, Long> countByHost(List<NodeRef> nodes) {
    Map<String, Long> counts = new HashMap<>();
    nodes.forEach(n -> counts.merge(n.host(), 1L, Long::sum));
    return counts;
  }

  /** Hosts of a set of nodes (for messages and checks). */
  static Set<String> hosts(List<NodeRef> nodes) {
    return Set.copyOf(nodes.stream().map(NodeRef::host).toList());
  }
}
