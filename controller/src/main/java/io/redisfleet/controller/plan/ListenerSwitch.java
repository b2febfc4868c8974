package io.redisfleet.controller.plan;

import io.redisfleet.controller.model.ClusterSpec;
import io.redisfleet.controller.model.Inventory;
import io.redisfleet.controller.model.Membership;
import io.redisfleet.controller.model.NodeRef;
import io.redisfleet.controller.model.Observation;
import io.redisfleet.controller.plan.Reason.Code;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turning TLS on or off for a cluster or a group changes every member's listener on the same port
 * (plaintext {@code port} or {@code tls-port}): a node restarted alone into TLS can no longer reach
 * a plaintext master, nor its peers their bus, so a rolling restart that waits for each node's
 * link would wait for ever. Such a scope's nodes are restarted one after the other with no wait in
 * between, replicas first (a plaintext majority of masters never sees a master fail while only
 * replicas switched), then one wait for the whole scope. Data is kept: a master without
 * persistence is never restarted (see NodePlanner), replicas resync from their masters.
 */
final class ListenerSwitch {

  /** The directives whose change means another kind of listener on the node's port. */
  private static final Set<String> LISTENER = Set.of("tls-port", "tls-cluster", "tls-replication");

  private ListenerSwitch() {}

  /** Plans the scopes that switch listeners and removes their restarts from {@code restarts}. */
  static void plan(List<Step.ApplyNode> restarts, Inventory inventory, Observation observation, PlanBuilder out) {
    Map<String, List<Step.ApplyNode>> byScope = new LinkedHashMap<>();
    for (Step.ApplyNode restart : restarts) {
      boolean switching = observation.node(restart.node())
          .map(n -> n.drift().changedDirectives().stream().anyMatch(LISTENER::contains)).orElse(false);
      if (switching) {
        byScope.computeIfAbsent(scope(restart.desired().membership()), k -> new ArrayList<>()).add(restart);
      }
    }
    byScope.values().forEach(restarts::removeAll);
    byScope.forEach((scope, switching) -> {
      List<NodeRef> members = members(scope, inventory);
      switching.stream()
          .sorted(java.util.Comparator.comparing((Step.ApplyNode s) -> !observation.node(s.node())
              .map(n -> n.isReplica()).orElse(false)).thenComparing(Step.ApplyNode::node))
          .forEach(out::step);
      Reason back = Reason.of(Code.AWAIT_CONVERGENCE, "back in service after every node of " + scope
          + " switched its listener (TLS on or off)");
      if (scope.startsWith("cluster ")) {
        ClusterSpec cluster = cluster(scope, inventory);
        out.step(new Step.WaitClusterReady(cluster.name(), members, inventory.timeouts().clusterJoin(), back));
      }
      List<NodeRef> replicas = members.stream().filter(r -> observation.node(r).map(n -> n.isReplica()).orElse(false))
          .toList();
      if (!replicas.isEmpty()) {
        out.step(new Step.WaitReplicasLinked(scope, replicas, inventory.timeouts().replicaSync(), back));
      }
    });
  }

  private static String scope(Membership membership) {
    if (membership instanceof Membership.ClusterMember c) {
      return "cluster " + c.cluster();
    } else if (membership instanceof Membership.GroupMaster g) {
      return "group " + g.group();
    } else if (membership instanceof Membership.GroupReplica g) {
      return "group " + g.group();
    }
    return "node " + membership;
  }

  private static ClusterSpec cluster(String scope, Inventory inventory) {
    return inventory.clusters().stream().filter(c -> scope.equals("cluster " + c.name())).findFirst().orElseThrow();
  }

  private static List<NodeRef> members(String scope, Inventory inventory) {
    if (scope.startsWith("cluster ")) {
      return cluster(scope, inventory).refs();
    }
    return inventory.replication().stream().filter(g -> scope.equals("group " + g.name()))
        .flatMap(g -> java.util.stream.Stream.concat(java.util.stream.Stream.of(g.master()), g.replicas().stream()))
        .map(d -> d.ref()).toList();
  }
}
