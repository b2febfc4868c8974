package io.redisfleet.controller.plan;

import io.redisfleet.controller.model.Host;
import io.redisfleet.controller.model.NodeRef;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiPredicate;

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
    free.removeAll(new HashSet<>(fixedMasters));
    free.removeAll(fixedReplicaOf.keySet());
    int toPick = Math.max(0, masterCount - masters.size());
    long positions = (long) masterCount * replicas - fixedReplicaOf.size();
    HostTally tally = new HostTally(masters, free);
    long cap = cap(tally.copy(), replicas, toPick, positions);
    boolean[] taken = new boolean[free.size()];
    for (int i = 0; i < toPick && i < free.size(); i++) {
      int index = tally.take(nextMaster(tally, replicas, cap));
      taken[index] = true;
      masters.add(free.get(index));
    }
    List<NodeRef> left = new ArrayList<>();
    for (int i = 0; i < free.size(); i++) {
      if (!taken[i]) {
        left.add(free.get(i));
      }
    }
    Map<NodeRef, NodeRef> replicaOf = new LinkedHashMap<>(fixedReplicaOf);
    assignReplicas(masters, replicas, left, replicaOf, hosts);
    return new Layout(masters, replicaOf);
  }

  /**
   * The host of the next master: within the cap, the fewest masters so far, then the most free
   * nodes, then inventory order; with no host within the cap, the first free node's.
   */
  private static int nextMaster(HostTally tally, int replicas, long cap) {
    int best = -1;
    for (int h = 0; h < tally.hosts(); h++) {
      if (tally.freeCount(h) == 0 || tally.load(h, replicas, 1) > cap) {
        continue;
      }
      if (best < 0 || before(tally, h, best)) {
        best = h;
      }
    }
    return best >= 0 ? best : tally.hostOfFirstFree();
  }

  private static boolean before(HostTally t, int h, int other) {
    if (t.masters(h) != t.masters(other)) {
      return t.masters(h) < t.masters(other);
    }
    if (t.freeCount(h) != t.freeCount(other)) {
      return t.freeCount(h) > t.freeCount(other);
    }
    return t.firstFree(h) < t.firstFree(other);
  }

  /** The smallest achievable max load (water-filling), never below the free capacity T. */
  private static long cap(HostTally trial, int replicas, int toPick, long positions) {
    for (int i = 0; i < toPick; i++) {
      int best = -1;
      for (int h = 0; h < trial.hosts(); h++) {
        if (trial.freeCount(h) > 0 && (best < 0 || trial.load(h, replicas, 1) < trial.load(best, replicas, 1)
            || trial.load(h, replicas, 1) == trial.load(best, replicas, 1) && trial.firstFree(h) < trial.firstFree(best))) {
          best = h;
        }
      }
      if (best < 0) {
        break;
      }
      trial.take(best);
    }
    long max = 0;
    for (int h = 0; h < trial.hosts(); h++) {
      max = Math.max(max, trial.load(h, replicas, 0));
    }
    return Math.max(max, positions);
  }

  private static void assignReplicas(List<NodeRef> masters, int replicas, List<NodeRef> free,
      Map<NodeRef, NodeRef> replicaOf, Map<String, Host> hosts) {
    Map<NodeRef, Integer> have = new HashMap<>();
    replicaOf.values().forEach(m -> have.merge(m, 1, Integer::sum));
    List<NodeRef> positions = new ArrayList<>();
    for (int round = 0; round < replicas; round++) {
      for (NodeRef master : masters) {
        if (have.getOrDefault(master, 0) + round < replicas) {
          positions.add(master);
        }
      }
    }
    NodeRef[] matched = AntiAffinityMatching.match(positions, free, sameLabel(hosts));
    Set<NodeRef> used = new HashSet<>();
    for (int i = 0; i < positions.size(); i++) {
      if (matched[i] != null) {
        replicaOf.put(matched[i], positions.get(i));
        used.add(matched[i]);
      }
    }
    ArrayDeque<NodeRef> left = new ArrayDeque<>(free.stream().filter(n -> !used.contains(n)).toList());
    for (int i = 0; i < positions.size() && !left.isEmpty(); i++) {
      if (matched[i] == null) {
        replicaOf.put(left.removeFirst(), positions.get(i));
      }
    }
    Map<NodeRef, Integer> count = new HashMap<>();
    replicaOf.values().forEach(m -> count.merge(m, 1, Integer::sum));
    for (NodeRef extra : left) { // more nodes than positions: give them to the emptiest shard
      NodeRef target = masters.stream().min(Comparator.comparingInt(m -> count.getOrDefault(m, 0))).orElseThrow();
      replicaOf.put(extra, target);
      count.merge(target, 1, Integer::sum);
    }
  }

  /** Whether two hosts share a rack or zone (unlabelled hosts share nothing). */
  private static BiPredicate<String, String> sameLabel(Map<String, Host> hosts) {
    return (a, b) -> {
      Host ha = hosts.get(a);
      Host hb = hosts.get(b);
      if (ha == null || hb == null) {
        return false;
      }
      return TopologyAnalysis.LABELS.stream().anyMatch(l -> ha.labels().get(l) != null
          && ha.labels().get(l).equals(hb.labels().get(l)));
    };
  }

  /** Hosts of a set of nodes (for messages and checks). */
  static Set<String> hosts(List<NodeRef> nodes) {
    return Set.copyOf(nodes.stream().map(NodeRef::host).toList());
  }
}
