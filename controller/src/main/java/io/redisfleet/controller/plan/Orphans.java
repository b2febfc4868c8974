package io.redisfleet.controller.plan;

import io.redisfleet.controller.model.DesiredNode;
import io.redisfleet.controller.model.HostObservation;
import io.redisfleet.controller.model.Inventory;
import io.redisfleet.controller.model.NodeRef;
import io.redisfleet.controller.model.ObservedNode;
import io.redisfleet.controller.model.Observation;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Nodes an agent of the inventory manages that the inventory does not declare: dropped from a
 * replication group (or with their whole group), or left by an earlier inventory. Each agent's
 * nodes are taken to belong to one inventory, so these are the fleet's to take out.
 */
public final class Orphans {

  private Orphans() {}

  /** Every orphan on a host that answered, in host and port order. */
  public static List<ObservedNode> of(Inventory inventory, Observation observation) {
    Set<NodeRef> declared = inventory.desiredNodes().stream().map(DesiredNode::ref).collect(Collectors.toSet());
    return observation.hosts().values().stream()
        .filter(HostObservation.Reachable.class::isInstance)
        .map(HostObservation.Reachable.class::cast)
        .filter(r -> inventory.hosts().containsKey(r.host()))
        .flatMap(r -> r.nodes().values().stream())
        .filter(n -> !declared.contains(n.ref()))
        .sorted(Comparator.comparing(ObservedNode::ref))
        .toList();
  }

  /** A cluster node: a cluster's scale in handles it (see ClusterPlanner), not the group planner. */
  static boolean clusterNode(ObservedNode node) {
    return node.cluster().isPresent() || node.clusterConfigPresent();
  }

  /**
   * The observed node (declared or orphan) at an address as replicas report their master
   * ("10.0.0.11:6379"): on an inventory host with that address whose agent reported that port.
   */
  static Optional<ObservedNode> at(Inventory inventory, Observation observation, String address) {
    int colon = address.lastIndexOf(':');
    if (colon < 0) {
      return Optional.empty();
    }
    String host = address.substring(0, colon).replace("[", "").replace("]", "");
    int port;
    try {
      port = Integer.parseInt(address.substring(colon + 1));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
    return inventory.hosts().entrySet().stream()
        .filter(h -> h.getValue().address().equals(host))
        .map(h -> observation.node(new NodeRef(h.getKey(), port)))
        .flatMap(Optional::stream)
        .findFirst();
  }
}
