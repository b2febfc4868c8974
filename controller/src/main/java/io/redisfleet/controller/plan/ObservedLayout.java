package io.redisfleet.controller.plan;

import io.redisfleet.controller.model.ClusterSpec;
import io.redisfleet.controller.model.Inventory;
import io.redisfleet.controller.model.NodeRef;
import io.redisfleet.controller.model.Observation;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The layout a running cluster has now, as its nodes say of themselves: the masters serving
 * slots and the replicas attached to them. Failovers (Redis's own, or a rolling restart's) move
 * masters away from where placement put them; this is what survives a loss today.
 *
 * @param layout masters with slots and their attached replicas
 * @param missing declared nodes that did not answer with a cluster view (empty when all did)
 */
public record ObservedLayout(Layout layout, List<NodeRef> missing) {

  public ObservedLayout {
    missing = List.copyOf(missing);
  }

  /** The declared cluster as observed; nodes outside the inventory are not counted. */
  public static ObservedLayout of(ClusterSpec spec, Inventory inventory, Observation observation) {
    ClusterMembers members = new ClusterMembers(spec, inventory, observation);
    List<NodeRef> masters = members.mastersWithSlots();
    Map<NodeRef, NodeRef> replicaOf = new LinkedHashMap<>();
    members.replicaOf().forEach((replica, master) -> {
      if (masters.contains(master)) {
        replicaOf.put(replica, master);
      }
    });
    List<NodeRef> missing = spec.refs().stream().filter(r -> !members.live().containsKey(r)).toList();
    return new ObservedLayout(new Layout(masters, replicaOf), missing);
  }

  /** Whether every declared node answered and some master serves slots (a formed cluster). */
  public boolean complete() {
    return missing.isEmpty() && !layout.masters().isEmpty();
  }
}
