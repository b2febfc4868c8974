package io.redisfleet.controller.model;

import java.util.List;
import java.util.Optional;

/** A node's view of its cluster (CLUSTER INFO and CLUSTER NODES). */
public record ClusterState(
    String myId, String state, int knownNodes, long currentEpoch, long myEpoch,
    List<ClusterNodeView> nodes) {

  public ClusterState {
    nodes = List.copyOf(nodes);
  }

  public boolean ok() {
    return "ok".equals(state);
  }

  public Optional<ClusterNodeView> myself() {
    return nodes.stream().filter(n -> n.flags().contains("myself")).findFirst();
  }

  public Optional<ClusterNodeView> byId(String id) {
    return nodes.stream().filter(n -> n.id().equals(id)).findFirst();
  }

  public Optional<ClusterNodeView> byAddress(String host, int port) {
    return nodes.stream().filter(n -> n.host().equals(host) && n.port() == port).findFirst();
  }

  /** Slots claimed by any node in this view. */
  public int slotsAssigned() {
    return nodes.stream().filter(ClusterNodeView::isMaster).mapToInt(ClusterNodeView::slotCount).sum();
  }

  /**
   * The slot map as this node sees it, in a canonical form: two nodes agree on the
   * configuration when their signatures are equal (as redis-cli's config signature).
   */
  public String signature() {
    return nodes.stream()
        .filter(n -> !n.slots().isEmpty())
        .map(n -> n.id() + ":" + n.slots())
        .sorted()
        .reduce("", (a, b) -> a + "|" + b);
  }
}
