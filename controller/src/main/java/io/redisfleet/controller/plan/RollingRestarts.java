package io.redisfleet.controller.plan;

import io.redisfleet.controller.model.ClusterSpec;
import io.redisfleet.controller.model.Inventory;
import io.redisfleet.controller.model.Membership;
import io.redisfleet.controller.model.NodeRef;
import io.redisfleet.controller.model.Observation;
import io.redisfleet.controller.model.ReplicationGroup;
import io.redisfleet.controller.plan.Reason.Code;
import java.util.Comparator;
import java.util.List;

/**
 * Orders the restarts a conf change needs so that a shard never has two members down at once:
 * one node at a time, replicas before masters, and after each restart a wait until the node is
 * back where it was (a replica's link up; a cluster master's cluster ok on every node; a group
 * master's replicas linked again). Failing masters over before restarting them is the next step
 * of this class; until then a master's restart is a short outage of its shard, never a data loss
 * (restarts of masters without persistence are refused by the NodePlanner).
 */
final class RollingRestarts {

  private RollingRestarts() {}

  static void plan(List<Step.ApplyNode> restarts, Inventory inventory, Observation observation, PlanBuilder out) {
    List<Step.ApplyNode> ordered = restarts.stream()
        .sorted(Comparator.comparing((Step.ApplyNode s) -> !isReplica(s.node(), observation))
            .thenComparing(Step.ApplyNode::node))
        .toList();
    for (Step.ApplyNode restart : ordered) {
      out.step(restart);
      Reason back = Reason.of(Code.AWAIT_CONVERGENCE, "back in service after the restart of " + restart.node());
      Membership membership = restart.desired().membership();
      if (isReplica(restart.node(), observation)) {
        out.step(new Step.WaitReplicasLinked("node " + restart.node(), List.of(restart.node()),
            inventory.timeouts().replicaSync(), back));
      } else if (membership instanceof Membership.ClusterMember member) {
        ClusterSpec cluster = inventory.clusters().stream()
            .filter(c -> c.name().equals(member.cluster())).findFirst().orElseThrow();
        out.step(new Step.WaitClusterReady(cluster.name(), cluster.refs(), inventory.timeouts().clusterJoin(), back));
      } else if (membership instanceof Membership.GroupMaster master) {
        ReplicationGroup group = inventory.replication().stream()
            .filter(g -> g.name().equals(master.group())).findFirst().orElseThrow();
        List<NodeRef> replicas = group.replicas().stream().map(r -> r.ref()).toList();
        if (!replicas.isEmpty()) {
          out.step(new Step.WaitReplicasLinked("group " + group.name(), replicas,
              inventory.timeouts().replicaSync(), back));
        }
      }
    }
  }

  private static boolean isReplica(NodeRef node, Observation observation) {
    return observation.node(node).map(n -> n.isReplica()).orElse(false);
  }
}
