package io.redisfleet.controller.model;

import java.util.List;
import java.util.Set;

/**
 * One line of a node's CLUSTER NODES.
 *
 * @param masterId for a replica, its master's id; empty otherwise
 */
public record ClusterNodeView(
    String id, String host, int port, Set<String> flags, String masterId, long configEpoch,
    boolean connected, List<SlotRange> slots, List<String> migrating) {

  public ClusterNodeView {
    flags = Set.copyOf(flags);
    slots = List.copyOf(slots);
    migrating = List.copyOf(migrating);
  }

  public boolean isMaster() {
    return flags.contains("master");
  }

  public boolean failing() {
    return flags.contains("fail") || flags.contains("fail?");
  }

  public boolean handshake() {
    return flags.contains("handshake");
  }

  public int slotCount() {
    return slots.stream().mapToInt(SlotRange::size).sum();
  }
}
