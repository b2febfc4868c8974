package io.redisfleet.controller.plan;

import io.redisfleet.controller.model.ClusterSpec;
import io.redisfleet.controller.model.Inventory;
import io.redisfleet.controller.model.Membership;
import io.redisfleet.controller.model.NodeRef;
import io.redisfleet.controller.model.Observation;
import io.redisfleet.controller.plan.Reason.Code;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

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

  /** A cluster or a group: the nodes that switch together, and the cluster to wait for, if any. */
  private record Scope(String name, Optional<ClusterSpec> cluster, List<NodeRef> members) {}

  /** Plans the scopes that switch listeners and removes their restarts from {@code restarts}. */
  static void plan(List<Step.ApplyNode> restarts, Inventory inventory, Observation observation, PlanBuilder out) {
    Map<Scope, List<Step.ApplyNode>> byScope = new LinkedHashMap<>();
    for (Step.ApplyNode restart : restarts) {
      boolean switching = observation.node(restart.node())
          .map(n -> n.drift().changedDirectives().stream().anyMatch(LISTENER::contains)).orElse(false);
      if (switching) {
        byScope.computeIfAbsent(scope(restart.desired().membership(), inventory), k -> new ArrayList<>()).add(restart);
      }
    }
    byScope.values().forEach(restarts::removeAll);
    byScope.forEach((scope, switching) -> {
      switching.stream()
          .sorted(Comparator.comparing((Step.ApplyNode s) -> !isReplica(s.node(), observation))
              .thenComparing(Step.ApplyNode::node))
          .forEach(out::step);
      Reason back = Reason.of(Code.AWAIT_CONVERGENCE, "back in service after every node of " + scope.name()
          + " switched its listener (TLS on or off)");
      scope.cluster().ifPresent(c -> out.step(new Step.WaitClusterReady(c.name(), scope.members(),
          inventory.timeouts().clusterJoin(), back)));
      List<NodeRef> replicas = scope.members().stream().filter(r -> isReplica(r, observation)).toList();
      if (!replicas.isEmpty()) {
        out.step(new Step.WaitReplicasLinked(scope.name(), replicas, inventory.timeouts().replicaSync(), back));
      }
    });
  }

  private static boolean isReplica(NodeRef ref, Observation observation) {
    return observation.node(ref).map(n -> n.isReplica()).orElse(false);
  }

  private static Scope scope(Membership membership, Inventory inventory) {
    if (membership instanceof Membership.ClusterMember c) {
      ClusterSpec cluster = inventory.clusters().stream().filter(x -> x.name().equals(c.cluster())).findFirst()
          .orElseThrow();
      return new Scope("cluster " + cluster.name(), Optional.of(cluster), cluster.refs());
    }
    String group = membership instanceof Membership.GroupMaster g ? g.group() : ((Membership.GroupReplica) membership).group();
    List<NodeRef> members = inventory.replication().stream().filter(g -> g.name().equals(group))
        .flatMap(g -> Stream.concat(Stream.of(g.master()), g.replicas().stream()))
        .map(d -> d.ref()).toList();
    return new Scope("group " + group, Optional.empty(), members);
  }
}
