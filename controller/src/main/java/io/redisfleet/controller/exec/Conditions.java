package io.redisfleet.controller.exec;

import io.redisfleet.agent.v1.ClusterNode;
import io.redisfleet.agent.v1.ClusterView;
import io.redisfleet.agent.v1.NodeState;
import io.redisfleet.controller.model.NodeRef;
import io.redisfleet.controller.observe.NodeStates;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What the executor waits for, each as a check over a fresh observation that returns null when
 * satisfied or a description of what is still missing (shown when the wait times out).
 */
final class Conditions {

  private Conditions() {}

  /** Every node knows every other node, with no handshake left. */
  static String joined(Map<NodeRef, NodeState> states) {
    Set<String> ids = states.values().stream().map(s -> s.getCluster().getMyId()).collect(Collectors.toSet());
    return knowsAll(states, ids, "nodes");
  }

  /**
   * Every node knows every master that serves slots: enough for replicas to attach (they must
   * know their master's id) without waiting for gossip to complete the whole mesh.
   */
  static String mastersKnown(Map<NodeRef, NodeState> states) {
    Set<String> masters = states.values().stream()
        .flatMap(s -> s.getCluster().getNodesList().stream())
        .filter(n -> n.getFlagsList().contains("master") && n.getSlotsCount() > 0)
        .map(ClusterNode::getId).collect(Collectors.toSet());
    return knowsAll(states, masters, "masters");
  }

  private static String knowsAll(Map<NodeRef, NodeState> states, Set<String> ids, String what) {
    StringBuilder missing = new StringBuilder();
    states.forEach((ref, s) -> {
      if (!s.getReachable()) {
        missing.append(ref).append(" unreachable; ");
        return;
      }
      Set<String> known = s.getCluster().getNodesList().stream()
          .filter(n -> !n.getFlagsList().contains("handshake"))
          .map(ClusterNode::getId).collect(Collectors.toSet());
      if (!known.containsAll(ids)) {
        missing.append(ref).append(" knows ").append(ids.stream().filter(known::contains).count())
            .append(" of ").append(ids.size()).append(' ').append(what).append("; ");
      }
    });
    return missing.length() == 0 ? null : missing.toString();
  }

  /** Every node says ok, sees all 16384 slots served and agrees on who serves them. */
  static String ready(Map<NodeRef, NodeState> states) {
    String joined = joined(states);
    if (joined != null) {
      return joined;
    }
    StringBuilder missing = new StringBuilder();
    String signature = null;
    for (var e : states.entrySet()) {
      ClusterView view = e.getValue().getCluster();
      if (!"ok".equals(view.getState())) {
        missing.append(e.getKey()).append(" cluster_state:").append(view.getState()).append("; ");
      }
      String mine = NodeStates.cluster(view).signature();
      if (signature != null && !signature.equals(mine)) {
        missing.append(e.getKey()).append(" disagrees on the slot map; ");
      }
      signature = Objects.requireNonNullElse(signature, mine);
    }
    return missing.length() == 0 ? null : missing.toString();
  }

  /** The replica took over: it is a master and the old master follows it with its link up. */
  static Function<Map<NodeRef, NodeState>, String> failedOver(NodeRef replica, NodeRef oldMaster) {
    return states -> {
      NodeState now = states.get(replica);
      NodeState old = states.get(oldMaster);
      boolean swapped = now != null && "master".equals(now.getRole()) && old != null
          && "replica".equals(old.getRole()) && "up".equals(old.getMasterLinkStatus());
      return swapped ? null : replica + " role=" + (now == null ? "?" : now.getRole()) + ", " + oldMaster + " role="
          + (old == null ? "?" : old.getRole()) + " link=" + (old == null ? "?" : old.getMasterLinkStatus());
    };
  }

  /** A group's handover is done: the new master is a master and the old one replicates from its port, link up. */
  static Function<Map<NodeRef, NodeState>, String> handedOver(NodeRef master, NodeRef oldMaster) {
    return states -> {
      NodeState now = states.get(master);
      NodeState old = states.get(oldMaster);
      boolean done = now != null && "master".equals(now.getRole()) && old != null && "replica".equals(old.getRole())
          && old.getMaster().getPort() == master.port() && "up".equals(old.getMasterLinkStatus());
      return done ? null : master + " role=" + (now == null ? "?" : now.getRole()) + ", " + oldMaster + " role="
          + (old == null ? "?" : old.getRole() + " of port " + old.getMaster().getPort() + " link="
          + old.getMasterLinkStatus());
    };
  }

  /** Every replica is a replica with its link up. */
  static String linked(Map<NodeRef, NodeState> states) {
    StringBuilder missing = new StringBuilder();
    states.forEach((ref, s) -> {
      if (!"replica".equals(s.getRole()) || !"up".equals(s.getMasterLinkStatus())) {
        missing.append(ref).append(" role=").append(s.getRole()).append(" link=")
            .append(s.getMasterLinkStatus().isEmpty() ? "none" : s.getMasterLinkStatus()).append("; ");
      }
    });
    return missing.length() == 0 ? null : missing.toString();
  }
}
