package io.redisfleet.controller.plan;

import io.redisfleet.controller.model.ClusterNodeView;
import io.redisfleet.controller.model.ClusterState;
import io.redisfleet.controller.model.NodeRef;
import io.redisfleet.controller.model.ObservedNode;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What stops a cluster's plan before anything is sent: a node that holds keys but is in no
 * cluster (joining would lose or mix its data); declared nodes that belong to different
 * clusters while some know nodes outside the inventory (meeting them would merge two clusters);
 * and a node leaving the cluster (scale in) that cannot leave safely: no agent of an inventory
 * host runs it (nobody could stop it after it is forgotten), or it is failing with slots (its
 * keys cannot be moved). redis-cli refuses the same.
 */
final class ClusterSafety {

  private ClusterSafety() {}

  /** Adds a problem for each unsafe node; true when the cluster must not be touched. */
  static boolean refuse(ClusterMembers members, List<LeavingNodes.Leaving> leaving, Problem.Scope scope, PlanBuilder out) {
    boolean refused = false;
    for (Map.Entry<NodeRef, ObservedNode> e : members.live().entrySet()) {
      ObservedNode node = e.getValue();
      if (!members.formed(e.getKey()) && node.keys() > 0) {
        out.problem(scope, Problem.Code.HOLDS_KEYS, e.getKey() + " holds " + node.keys() + " keys and is in no cluster;"
            + " refusing to add it (its data would be lost or mixed in); empty it or remove it from the inventory");
        refused = true;
      }
    }
    if (leaving.isEmpty()) {
      return refused;
    }
    NodeRef knower = leaving.stream().filter(l -> !l.knownBy().isEmpty()).findFirst()
        .map(l -> l.knownBy().get(0)).orElse(null);
    Set<NodeRef> group = knower == null ? Set.of() : members.group(knower);
    for (NodeRef ref : members.live().keySet()) {
      if (knower != null && members.formed(ref) && !group.contains(ref) && !halfJoined(members, group, ref)) {
        out.problem(scope, Problem.Code.FOREIGN_CLUSTER, knower + " already belongs to a cluster with nodes not in this inventory: "
            + String.join(", ", leaving.stream().map(LeavingNodes.Leaving::address).toList())
            + ", and " + ref + " to another; refusing to merge clusters");
        return true;
      }
    }
    for (LeavingNodes.Leaving l : leaving) {
      if (l.ref().isEmpty()) {
        out.problem(scope, Problem.Code.UNDECLARED_MEMBER, "node " + l.address() + " (" + l.id() + ") is in the cluster but not in this inventory,"
            + " and no agent of an inventory host at " + l.address().substring(0, l.address().lastIndexOf(':'))
            + " runs that port; refusing to scale in (it could not be stopped after being forgotten):"
            + " declare its host under hosts, or remove it by hand (redis-cli --cluster del-node)");
        refused = true;
      } else if (l.knownBy().isEmpty() && !l.slots().isEmpty()) {
        out.problem(scope, Problem.Code.FORGOTTEN_CLAIMS_SLOTS, l.name() + " was forgotten by every member of the cluster but still runs and claims "
            + l.slots().size() + " slot(s) nobody else serves; their keys are on it alone. Refusing to touch them:"
            + " re-admit it (redis-cli -h <member> -p <port> CLUSTER MEET " + l.address().replace(":", " ")
            + ") and apply again, so its slots move off before it leaves");
        refused = true;
      } else if (l.failing() && !l.slots().isEmpty()) {
        out.problem(scope, Problem.Code.LEAVING_FAILING, l.name() + " leaves the cluster but is failing and serves " + l.slots().size()
            + " slot(s); its keys cannot be moved: start it again or fail it over first");
        refused = true;
      }
    }
    return refused;
  }

  /**
   * A declared node that got its slots but was killed before its MEET (creation finished while
   * its host had been away): it knows only itself and none of its slots is claimed in the group's
   * views. Meeting it merges nothing but what creation meant to (found by PlannerModelTest). It
   * may hold keys (with cluster-require-full-coverage no it serves its slots alone): they are all
   * in its own slots, which nobody else claims, so the meet keeps them where they are (seed
   * 26570115546860). A lone node whose slots overlap the group's stays a refusal, since Redis
   * would settle the conflict by epoch, not by keys.
   */
  private static boolean halfJoined(ClusterMembers members, Set<NodeRef> group, NodeRef ref) {
    ClusterState view = members.view(ref);
    if (view.knownNodes() > 1) {
      return false;
    }
    java.util.BitSet mine = new java.util.BitSet(16384);
    view.myself().ifPresent(m -> m.slots().forEach(r -> mine.set(r.start(), r.end() + 1)));
    return group.stream().filter(members.live()::containsKey).flatMap(g -> members.view(g).nodes().stream())
        .filter(ClusterNodeView::isMaster).flatMap(n -> n.slots().stream())
        .noneMatch(r -> mine.get(r.start(), r.end() + 1).cardinality() > 0);
  }
}
