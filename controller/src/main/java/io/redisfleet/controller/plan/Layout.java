package io.redisfleet.controller.plan;

import io.redisfleet.controller.model.NodeRef;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which nodes of a cluster are masters (in slot order) and which master each replica follows.
 */
public record Layout(List<NodeRef> masters, Map<NodeRef, NodeRef> replicaOf) {

  public Layout {
    masters = List.copyOf(masters);
    replicaOf = Map.copyOf(replicaOf);
  }

  /** Every master's replicas, sorted as {@link #replicasOf}, in one pass (O(N), not O(N) per master). */
  public Map<NodeRef, List<NodeRef>> replicasByMaster() {
    Map<NodeRef, List<NodeRef>> out = new HashMap<>();
    replicaOf.forEach((replica, master) -> out.computeIfAbsent(master, m -> new ArrayList<>()).add(replica));
    out.values().forEach(Collections::sort);
    return out;
  }

  public List<NodeRef> replicasOf(NodeRef master) {
    return replicaOf.entrySet().stream()
        .filter(e -> e.getValue().equals(master))
        .map(Map.Entry::getKey)
        .sorted()
        .toList();
  }
}
