package io.redisfleet.controller.plan;

import io.redisfleet.controller.model.ClusterSpec;
import io.redisfleet.controller.model.Host;
import io.redisfleet.controller.model.NodeRef;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Which shards to fail over (master and replica swap roles) so that the layout survives the loss
 * of any one host, rack or zone again, or comes as close as the nodes allow. Pure and greedy: each
 * swap is the one that lowers the {@link Score} most, and only a swap that lowers it is taken, so
 * a layout never oscillates between rounds and an unsurvivable inventory (two hosts) is left at
 * its best spread. Each shard swaps at most once per plan; only replicas whose link is up count.
 */
final class SpreadSwaps {

  /** A shard's master {@code master} hands its role to its replica {@code replica}, and why. */
  record Swap(NodeRef master, NodeRef replica, String why) {}

  /** Lower is better: domains lost, then their reasons, then how unevenly hosts hold masters. */
  record Score(int domains, int reasons, long crowding) implements Comparable<Score> {
    static Score of(List<TopologyAnalysis.Finding> findings, Layout layout) {
      long crowding = layout.masters().stream().collect(Collectors.groupingBy(NodeRef::host, Collectors.counting()))
          .values().stream().mapToLong(n -> n * n).sum();
      return new Score(findings.size(), findings.stream().mapToInt(f -> f.reasons().size()).sum(), crowding);
    }

    @Override
    public int compareTo(Score o) {
      return Comparator.comparingInt(Score::domains).thenComparingInt(Score::reasons)
          .thenComparingLong(Score::crowding).compare(this, o);
    }
  }

  private SpreadSwaps() {}

  /** The swaps, in order; empty when {@code layout} survives every single loss already. */
  static List<Swap> choose(ClusterSpec spec, Map<String, Host> hosts, Layout layout, Set<NodeRef> synced) {
    List<Swap> swaps = new ArrayList<>();
    Set<NodeRef> touched = new HashSet<>();
    Layout current = layout;
    List<TopologyAnalysis.Finding> findings = TopologyAnalysis.analyze(spec, hosts, current);
    while (!findings.isEmpty()) {
      Score now = Score.of(findings, current);
      Layout best = null;
      Score bestScore = now;
      NodeRef[] pair = null;
      for (NodeRef master : current.masters()) {
        for (NodeRef replica : touched.contains(master) ? List.<NodeRef>of() : current.replicasOf(master)) {
          if (!synced.contains(replica)) {
            continue;
          }
          Layout after = swap(current, master, replica);
          Score score = Score.of(TopologyAnalysis.analyze(spec, hosts, after), after);
          if (score.compareTo(bestScore) < 0) {
            best = after;
            bestScore = score;
            pair = new NodeRef[] {master, replica};
          }
        }
      }
      if (best == null) {
        return swaps;
      }
      swaps.add(new Swap(pair[0], pair[1], why(spec, hosts, current, findings, pair[0])));
      touched.add(pair[1]);
      current = best;
      findings = TopologyAnalysis.analyze(spec, hosts, current);
    }
    return swaps;
  }

  /** The replica takes the master's place (same slots), the master and its other replicas follow it. */
  static Layout swap(Layout layout, NodeRef master, NodeRef replica) {
    List<NodeRef> masters = new ArrayList<>(layout.masters());
    masters.set(masters.indexOf(master), replica);
    Map<NodeRef, NodeRef> replicaOf = new LinkedHashMap<>();
    layout.replicaOf().forEach((r, m) -> {
      if (!r.equals(replica)) {
        replicaOf.put(r, m.equals(master) ? replica : m);
      }
    });
    replicaOf.put(master, replica);
    return new Layout(masters, replicaOf);
  }

  /** Names the domain holding too many masters (the one {@code master} is in) and what its loss costs. */
  private static String why(ClusterSpec spec, Map<String, Host> hosts, Layout layout,
      List<TopologyAnalysis.Finding> findings, NodeRef master) {
    Map<String, Predicate<NodeRef>> domains = TopologyAnalysis.domains(spec, hosts);
    TopologyAnalysis.Finding cited = findings.stream()
        .filter(f -> domains.get(f.domain()).test(master)).findFirst().orElse(findings.get(0));
    List<NodeRef> held = layout.masters().stream().filter(domains.get(cited.domain())).sorted().toList();
    return "restore master spread: " + cited.domain() + " holds " + held.size() + " of " + layout.masters().size()
        + " masters " + held + "; losing it: " + String.join("; ", cited.reasons());
  }
}
