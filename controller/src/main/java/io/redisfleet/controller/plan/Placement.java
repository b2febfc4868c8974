package io.redisfleet.controller.plan;

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
 * <p>Masters: one at a time, from the host with the fewest masters so far, ties broken by the
 * host with the most nodes still free, then by inventory order — this spreads masters across
 * hosts. Replicas: a maximum bipartite matching between free nodes and open replica positions
 * where an edge means "different host than the master", so a replica shares its master's host
 * only when no assignment avoids it; positions left over take the remaining nodes in order.
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
   * Completes a layout around nodes whose roles are already fixed.
   *
   * @param fixedMasters masters that keep their role, in slot order
   * @param fixedReplicaOf replicas that stay attached to their master
   */
  public static Layout complete(List<NodeRef> nodes, int replicas, List<NodeRef> fixedMasters,
      Map<NodeRef, NodeRef> fixedReplicaOf) {
    int masterCount = Math.max(nodes.size() / (replicas + 1), fixedMasters.size());
    List<NodeRef> masters = new ArrayList<>(fixedMasters);
    List<NodeRef> free = new ArrayList<>(nodes);
    free.removeAll(fixedMasters);
    free.removeAll(fixedReplicaOf.keySet());
    while (masters.size() < masterCount && !free.isEmpty()) {
      NodeRef next = nextMaster(masters, free);
      masters.add(next);
      free.remove(next);
    }
    Map<NodeRef, NodeRef> replicaOf = new LinkedHashMap<>(fixedReplicaOf);
    assignReplicas(masters, replicas, free, replicaOf);
    return new Layout(masters, replicaOf);
  }

  private static NodeRef nextMaster(List<NodeRef> masters, List<NodeRef> free) {
    Map<String, Long> mastersPerHost = countByHost(masters);
    Map<String, Long> freePerHost = countByHost(free);
    Comparator<NodeRef> order = Comparator
        .comparingLong((NodeRef n) -> mastersPerHost.getOrDefault(n.host(), 0L))
        .thenComparing(n -> -freePerHost.get(n.host()));
    return free.stream().min(order).orElseThrow(); // min is stable: inventory order breaks ties
  }

  private static void assignReplicas(List<NodeRef> masters, int replicas, List<NodeRef> free,
      Map<NodeRef, NodeRef> replicaOf) {
    List<NodeRef> positions = new ArrayList<>();
    for (int round = 0; round < replicas; round++) {
      for (NodeRef master : masters) {
        long have = replicaOf.values().stream().filter(master::equals).count();
        if (have + positions.stream().filter(master::equals).count() < replicas) {
          positions.add(master);
        }
      }
    }
    NodeRef[] matched = AntiAffinityMatching.match(positions, free);
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
