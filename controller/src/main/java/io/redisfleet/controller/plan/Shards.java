package io.redisfleet.controller.plan;

import io.redisfleet.controller.model.ClusterNodeView;
import io.redisfleet.controller.model.ClusterState;
import io.redisfleet.controller.model.DesiredNode;
import io.redisfleet.controller.model.Inventory;
import io.redisfleet.controller.model.Membership;
import io.redisfleet.controller.model.NodeRef;
import io.redisfleet.controller.model.ObservedNode;
import io.redisfleet.controller.model.Observation;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Which shard each node belongs to, so a batch of disruptive steps never takes down a master and
 * its replica together. A replication group is one shard; in a cluster a shard is a master and
 * its replicas, as the node itself reports (failovers move roles, so the inventory cannot say).
 * A node that reports nothing is a shard of its own.
 */
public final class Shards {

  private Shards() {}

  public static Map<NodeRef, String> of(Inventory inventory, Observation observation) {
    Map<NodeRef, String> out = new HashMap<>();
    for (DesiredNode d : inventory.desiredNodes()) {
      if (d.membership() instanceof Membership.GroupMaster m) {
        out.put(d.ref(), "group " + m.group());
      } else if (d.membership() instanceof Membership.GroupReplica r) {
        out.put(d.ref(), "group " + r.group());
      } else if (d.membership() instanceof Membership.ClusterMember c) {
        clusterShard(observation.node(d.ref())).ifPresent(id -> out.put(d.ref(), "cluster " + c.cluster() + " " + id));
      }
    }
    return out;
  }

  private static Optional<String> clusterShard(Optional<ObservedNode> node) {
    Optional<ClusterNodeView> me = node.flatMap(ObservedNode::cluster).flatMap(ClusterState::myself);
    return me.map(m -> m.masterId().isEmpty() || "-".equals(m.masterId()) ? m.id() : m.masterId());
  }
}
