package io.redisfleet.controller.plan;

import io.redisfleet.controller.model.ClusterSpec;
import io.redisfleet.controller.model.Endpoint;
import io.redisfleet.controller.model.Inventory;
import io.redisfleet.controller.model.Membership;
import io.redisfleet.controller.model.NodeRef;
import io.redisfleet.controller.model.Observation;
import io.redisfleet.controller.model.ReplicationGroup;
import io.redisfleet.controller.plan.Reason.Code;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Orders the restarts a conf change needs so that a shard never has two members down at once:
 * one node at a time, replicas before masters, and after each restart a wait until the node is
 * back where it was. A cluster master with an in-sync replica is first failed over to it
 * (coordinated CLUSTER FAILOVER: no acknowledged write lost, the shard keeps serving) and
 * restarted as a replica; the roles stay swapped, which the cluster planner respects. A master
 * without a replica, or a replication group's master, restarts in place: a short outage of that
 * shard, never a data loss (masters without persistence are not restarted, see NodePlanner).
 */
final class RollingRestarts {

  private RollingRestarts() {}

  static void plan(List<Step.ApplyNode> restarts, Inventory inventory, Observation observation, PlanBuilder out) {
    List<Step.ApplyNode> rolling = new java.util.ArrayList<>(restarts);
    ListenerSwitch.plan(rolling, inventory, observation, out); // takes out the all-at-once restarts
    List<Step.ApplyNode> ordered = rolling.stream()
        .sorted(Comparator.comparing((Step.ApplyNode s) -> !isReplica(s.node(), inventory, observation))
            .thenComparing(Step.ApplyNode::node))
        .toList();
    for (Step.ApplyNode restart : ordered) {
      NodeRef node = restart.node();
      Reason back = Reason.of(Code.AWAIT_CONVERGENCE, "back in service after the restart of " + node);
      Membership membership = restart.desired().membership();
      if (isReplica(node, inventory, observation)) {
        out.step(restart);
        out.step(new Step.WaitReplicasLinked("node " + node, List.of(node), inventory.timeouts().replicaSync(), back));
      } else if (membership instanceof Membership.ClusterMember member) {
        ClusterSpec cluster = inventory.clusters().stream()
            .filter(c -> c.name().equals(member.cluster())).findFirst().orElseThrow();
        Optional<NodeRef> takeover = syncedReplica(node, inventory, observation);
        takeover.ifPresent(replica -> {
          out.step(new Step.Failover(cluster.name(), replica, node,
              Reason.of(Code.FAILOVER_BEFORE_RESTART, "so " + node + " restarts as a replica")));
          out.step(new Step.WaitFailover(cluster.name(), replica, node, inventory.timeouts().clusterJoin(),
              Reason.of(Code.AWAIT_CONVERGENCE, "roles swapped")));
        });
        out.step(restart);
        if (takeover.isPresent()) {
          out.step(new Step.WaitReplicasLinked("node " + node, List.of(node), inventory.timeouts().replicaSync(), back));
        }
        out.step(new Step.WaitClusterReady(cluster.name(), cluster.refs(), inventory.timeouts().clusterJoin(), back));
      } else if (membership instanceof Membership.GroupMaster master) {
        out.step(restart);
        ReplicationGroup group = inventory.replication().stream()
            .filter(g -> g.name().equals(master.group())).findFirst().orElseThrow();
        List<NodeRef> replicas = group.replicas().stream().map(r -> r.ref()).toList();
        if (!replicas.isEmpty()) {
          out.step(new Step.WaitReplicasLinked("group " + group.name(), replicas,
              inventory.timeouts().replicaSync(), back));
        }
      } else {
        out.step(restart);
      }
    }
  }

  /** A declared replica of {@code master} whose link is up, observed now. */
  private static Optional<NodeRef> syncedReplica(NodeRef master, Inventory inventory, Observation observation) {
    String address = new Endpoint(inventory.addressOf(master), master.port()).toString();
    return inventory.desiredNodes().stream().map(d -> d.ref())
        .filter(r -> observation.node(r)
            .map(n -> n.isReplica() && n.linkUp() && n.master().map(address::equals).orElse(false))
            .orElse(false))
        .sorted()
        .findFirst();
  }

  /**
   * Observed as a replica and not declared a group's master: a node becoming a master must not be
   * waited for as a replica (its own link would never come up).
   */
  private static boolean isReplica(NodeRef node, Inventory inventory, Observation observation) {
    boolean declaredMaster = inventory.desiredNodes().stream()
        .anyMatch(d -> d.ref().equals(node) && d.membership() instanceof Membership.GroupMaster);
    return !declaredMaster && observation.node(node).map(n -> n.isReplica()).orElse(false);
  }
}
