package io.redisfleet.controller.model;

import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The one set of cluster predicates, shared by the planner (is a wait needed?) and the executor
 * (has the wait been reached?), so the two cannot disagree. Each returns null when the condition
 * holds, else what is still missing (shown when a wait times out).
 */
public final class Readiness {

  private Readiness() {}

  /** Every node knows every other node, with no handshake left. */
  public static String joined(Map<NodeRef, ObservedNode> nodes) {
    Set<String> ids = nodes.values().stream().flatMap(n -> n.cluster().stream()).map(ClusterState::myId)
        .collect(Collectors.toSet());
    return knowsAll(nodes, ids, "nodes");
  }

  /**
   * Every node knows every master that serves slots: enough for replicas to attach (they must
   * know their master's id) without waiting for gossip to complete the whole mesh.
   */
  public static String mastersKnown(Map<NodeRef, ObservedNode> nodes) {
    Set<String> masters = nodes.values().stream().flatMap(n -> n.cluster().stream())
        .flatMap(c -> c.nodes().stream())
        .filter(n -> n.isMaster() && n.slotCount() > 0)
        .map(ClusterNodeView::id).collect(Collectors.toSet());
    return knowsAll(nodes, masters, "masters");
  }

  private static String knowsAll(Map<NodeRef, ObservedNode> nodes, Set<String> ids, String what) {
    StringBuilder missing = new StringBuilder();
    nodes.forEach((ref, n) -> {
      if (!n.reachable() || n.cluster().isEmpty()) {
        missing.append(ref).append(" unreachable; ");
        return;
      }
      Set<String> known = n.cluster().get().nodes().stream().filter(v -> !v.handshake())
          .map(ClusterNodeView::id).collect(Collectors.toSet());
      if (!known.containsAll(ids)) {
        missing.append(ref).append(" knows ").append(ids.stream().filter(known::contains).count())
            .append(" of ").append(ids.size()).append(' ').append(what).append("; ");
      }
    });
    return missing.length() == 0 ? null : missing.toString();
  }

  /** Every node knows every other, says ok, sees all 16384 slots served and agrees on who serves them. */
  public static String ready(Map<NodeRef, ObservedNode> nodes) {
    String joined = joined(nodes);
    if (joined != null) {
      return joined;
    }
    StringBuilder missing = new StringBuilder();
    String signature = null;
    for (var e : nodes.entrySet()) {
      ClusterState view = e.getValue().cluster().orElseThrow();
      if (!view.ok()) {
        missing.append(e.getKey()).append(" cluster_state:").append(view.state()).append("; ");
      }
      if (view.slotsAssigned() != SlotRange.SLOTS) {
        missing.append(e.getKey()).append(" sees ").append(view.slotsAssigned()).append(" slots served; ");
      }
      if (signature != null && !signature.equals(view.signature())) {
        missing.append(e.getKey()).append(" disagrees on the slot map; ");
      }
      signature = Objects.requireNonNullElse(signature, view.signature());
    }
    return missing.length() == 0 ? null : missing.toString();
  }

  /** The replica took over: it is a master and the old master follows it with its link up. */
  public static Function<Map<NodeRef, ObservedNode>, String> failedOver(NodeRef replica, NodeRef oldMaster) {
    return nodes -> {
      ObservedNode now = nodes.get(replica);
      ObservedNode old = nodes.get(oldMaster);
      boolean swapped = now != null && now.isMaster() && old != null && old.isReplica() && old.linkUp();
      return swapped ? null : replica + " role=" + (now == null ? "?" : now.role()) + ", " + oldMaster + " role="
          + (old == null ? "?" : old.role()) + " link=" + (old == null ? "?" : old.linkUp() ? "up" : "down");
    };
  }

  /** A group's handover is done: the new master is a master and the old one replicates from its port, link up. */
  public static Function<Map<NodeRef, ObservedNode>, String> handedOver(NodeRef master, NodeRef oldMaster) {
    return nodes -> {
      ObservedNode now = nodes.get(master);
      ObservedNode old = nodes.get(oldMaster);
      int oldFollows = old == null ? -1 : old.master().map(a -> Integer.parseInt(a.substring(a.lastIndexOf(':') + 1)))
          .orElse(-1);
      boolean done = now != null && now.isMaster() && old != null && old.isReplica()
          && oldFollows == master.port() && old.linkUp();
      return done ? null : master + " role=" + (now == null ? "?" : now.role()) + ", " + oldMaster + " role="
          + (old == null ? "?" : old.role() + " of port " + oldFollows + " link=" + (old.linkUp() ? "up" : "down"));
    };
  }

  /** Every replica is a replica with its link up. */
  public static String linked(Map<NodeRef, ObservedNode> nodes) {
    StringBuilder missing = new StringBuilder();
    nodes.forEach((ref, n) -> {
      if (!n.isReplica() || !n.linkUp()) {
        missing.append(ref).append(" role=").append(n.role() == Role.UNKNOWN ? "none" : n.role()).append(" link=")
            .append(n.isReplica() ? (n.linkUp() ? "up" : "down") : "none").append("; ");
      }
    });
    return missing.length() == 0 ? null : missing.toString();
  }
}
