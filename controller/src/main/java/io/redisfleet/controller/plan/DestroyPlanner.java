package io.redisfleet.controller.plan;

import io.redisfleet.controller.model.DesiredNode;
import io.redisfleet.controller.model.Inventory;
import io.redisfleet.controller.model.NodeRef;
import io.redisfleet.controller.model.ObservedNode;
import io.redisfleet.controller.model.Observation;
import io.redisfleet.controller.plan.Reason.Code;
import java.util.Optional;

/**
 * Removal of every declared node. A node holding keys is removed only with --force; without
 * it the node is a problem and nothing of it is touched. Replicas go first, so no master
 * disappears while its replica could still be promoted in its place mid-destroy. Orphans (nodes
 * an inventory host's agent runs that the inventory no longer declares, see {@link Orphans}) are
 * removed with the rest, under the same rule.
 */
final class DestroyPlanner {

  private DestroyPlanner() {}

  static Plan plan(Inventory inventory, Observation observation, boolean force) {
    PlanBuilder out = new PlanBuilder();
    var declared = inventory.desiredNodes().stream().map(DesiredNode::ref);
    var orphans = Orphans.of(inventory, observation).stream().map(ObservedNode::ref);
    var nodes = java.util.stream.Stream.concat(declared, orphans)
        .sorted((a, b) -> Boolean.compare(isMasterish(a, observation), isMasterish(b, observation)))
        .toList();
    for (NodeRef ref : nodes) {
      if (!observation.hostReachable(ref.host())) {
        out.problem(Problem.Scope.host(ref.host()), Problem.Code.HOST_UNREACHABLE, "unreachable; " + ref + " not removed");
        continue;
      }
      Optional<ObservedNode> node = observation.node(ref);
      if (node.isEmpty() || (!node.get().managed() && !node.get().running())) {
        continue;
      }
      long keys = node.get().keys();
      if (keys > 0 && !force) {
        out.problem(Problem.Scope.node(ref), Problem.Code.HOLDS_KEYS, "holds " + keys + " keys; not removed (use --force to drop them)");
        continue;
      }
      out.step(new Step.RemoveNode(ref, force, keys,
          Reason.of(Code.DESTROY, keys > 0 ? "destroy, dropping " + keys + " keys" : "destroy")));
    }
    return out.build();
  }

  private static boolean isMasterish(NodeRef ref, Observation observation) {
    return observation.node(ref).map(n -> !n.isReplica()).orElse(true);
  }
}
