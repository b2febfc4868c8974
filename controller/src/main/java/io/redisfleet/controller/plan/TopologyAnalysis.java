package io.redisfleet.controller.plan;

import io.redisfleet.controller.model.ClusterSpec;
import io.redisfleet.controller.model.Host;
import io.redisfleet.controller.model.Inventory;
import io.redisfleet.controller.model.NodeRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * Can each cluster survive the loss of any one failure domain: a host, and, where hosts carry
 * {@code labels.rack} or {@code labels.zone}, a rack or a zone? Pure, on the layout placement
 * would choose.
 *
 * <p>A domain's loss is survivable when every shard keeps its master or a replica (else its
 * slots are gone) and a majority of the masters remain (a failover needs a majority of masters
 * to vote; without one, the cluster stays down).
 */
public final class TopologyAnalysis {

  /** The label keys that name failure domains beyond the host. */
  static final List<String> LABELS = List.of("rack", "zone");

  private TopologyAnalysis() {}

  /** One failure domain whose loss the cluster would not survive, and why. */
  public record Finding(String cluster, String domain, List<String> reasons) {
    @Override
    public String toString() {
      return "cluster " + cluster + " cannot survive losing " + domain + ": " + String.join("; ", reasons);
    }
  }

  public static List<Finding> analyze(Inventory inventory) {
    List<Finding> out = new ArrayList<>();
    for (ClusterSpec cluster : inventory.clusters()) {
      out.addAll(analyze(cluster, inventory.hosts(),
          Placement.place(cluster.refs(), cluster.replicas(), inventory.hosts())));
    }
    return out;
  }

  /**
   * The domains of one cluster whose loss {@code layout} would not survive: on the planned layout
   * for validate, on the observed one (after failovers moved masters) for status and
   * {@link SpreadPlanner}.
   */
  public static List<Finding> analyze(ClusterSpec cluster, Map<String, Host> hosts, Layout layout) {
    List<Finding> out = new ArrayList<>();
    Map<NodeRef, List<NodeRef>> replicas = layout.replicasByMaster(); // once, not per domain and master
    for (Map.Entry<String, Predicate<NodeRef>> domain : domains(cluster, hosts).entrySet()) {
      List<String> reasons = lossOf(layout, replicas, domain.getValue());
      if (!reasons.isEmpty()) {
        out.add(new Finding(cluster.name(), domain.getKey(), reasons));
      }
    }
    return out;
  }

  /** Domain description ("host h1", "rack r2") to membership of a node in it. */
  static Map<String, Predicate<NodeRef>> domains(ClusterSpec cluster, Map<String, Host> hosts) {
    Map<String, Predicate<NodeRef>> out = new TreeMap<>();
    Set<String> used = new TreeSet<>(cluster.refs().stream().map(NodeRef::host).toList());
    used.forEach(h -> out.put("host " + h, n -> n.host().equals(h)));
    for (String label : LABELS) {
      for (String h : used) {
        String value = hosts.get(h).labels().get(label);
        if (value != null) {
          out.put(label + " " + value, n -> value.equals(hosts.get(n.host()).labels().get(label)));
        }
      }
    }
    return out;
  }

  private static List<String> lossOf(Layout layout, Map<NodeRef, List<NodeRef>> replicasOf, Predicate<NodeRef> lost) {
    List<String> reasons = new ArrayList<>();
    int survivingMasters = 0;
    for (NodeRef master : layout.masters()) {
      List<NodeRef> replicas = replicasOf.getOrDefault(master, List.of());
      if (!lost.test(master)) {
        survivingMasters++;
      } else if (replicas.stream().allMatch(lost)) {
        reasons.add("shard of master " + master + (replicas.isEmpty() ? " is lost (it has no replica)"
            : " loses master and replica" + (replicas.size() == 1 ? " " : "s ") + replicas + " together"));
      }
    }
    int masters = layout.masters().size();
    if (survivingMasters * 2 <= masters) {
      reasons.add("only " + survivingMasters + " of " + masters + " masters remain, no majority to fail over: "
          + "spread masters over more " + "failure domains");
    }
    return reasons;
  }
}
