package io.redisfleet.agent.redis;

import java.util.List;
import java.util.Optional;

/** A node's CLUSTER INFO and CLUSTER NODES, parsed: the cluster as that node sees it. */
public record ClusterTopology(String myId, String state, int slotsAssigned, int slotsOk, int knownNodes, int size,
    long currentEpoch, long myEpoch, List<ClusterPeer> nodes) {

  public ClusterTopology {
    nodes = List.copyOf(nodes);
  }

  /** The node's own line. */
  public Optional<ClusterPeer> me() {
    return nodes.stream().filter(n -> n.has("myself")).findFirst();
  }

  /** The line of the node with this id, when it knows one. */
  public Optional<ClusterPeer> node(String id) {
    return nodes.stream().filter(n -> n.id().equals(id)).findFirst();
  }
}
