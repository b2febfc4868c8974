package io.redisfleet.controller.plan;

import io.redisfleet.controller.model.NodeRef;
import io.redisfleet.controller.model.ObservedNode;
import java.util.List;
import java.util.Map;

/**
 * What stops a cluster's plan before anything is sent: a node that holds keys but is in no
 * cluster (joining would lose or mix its data), and a node that already knows nodes outside the
 * inventory (joining would merge two clusters). Both are what redis-cli refuses too.
 */
final class ClusterSafety {

  private ClusterSafety() {}

  /** Adds a problem for each unsafe node; true when the cluster must not be touched. */
  static boolean refuse(ClusterMembers members, String scope, PlanBuilder out) {
    boolean refused = false;
    for (Map.Entry<NodeRef, ObservedNode> e : members.live().entrySet()) {
      ObservedNode node = e.getValue();
      if (!members.formed(e.getKey()) && node.keys() > 0) {
        out.problem(scope, e.getKey() + " holds " + node.keys() + " keys and is in no cluster;"
            + " refusing to add it (its data would be lost or mixed in); empty it or remove it from the inventory");
        refused = true;
      }
      List<String> foreign = members.foreignPeers(e.getKey());
      if (!foreign.isEmpty()) {
        out.problem(scope, e.getKey() + " already belongs to a cluster with nodes not in this inventory: "
            + String.join(", ", foreign) + "; refusing to merge clusters");
        refused = true;
      }
    }
    return refused;
  }

}
