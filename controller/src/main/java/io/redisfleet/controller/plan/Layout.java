package io.redisfleet.controller.plan;

import io.redisfleet.controller.model.NodeRef;
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

  public List<NodeRef> replicasOf(NodeRef master) {
    return replicaOf.entrySet().stream()
        .filter(e -> e.getValue().equals(master))
        .map(Map.Entry::getKey)
        .sorted()
        .toList();
  }
}
