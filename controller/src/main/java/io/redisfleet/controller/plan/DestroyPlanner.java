package io.redisfleet.controller.plan;

import io.redisfleet.controller.model.DesiredNode;
import io.redisfleet.controller.model.Inventory;
import io.redisfleet.controller.model.ObservedNode;
import io.redisfleet.controller.model.Observation;
import io.redisfleet.controller.plan.Reason.Code;
import java.util.Optional;

/**
 * Removal of every declared node. A node holding keys is removed only with --force; without
 * it the node is a problem and nothing of it is touched. Replicas go first, so no master
 * disappears while its replica could still be promoted in its place mid-destroy.
 */
final class DestroyPlanner {

  private DestroyPlanner() {}

  static Plan plan(Inventory inventory, Observation observation, boolean force) {
    PlanBuilder out = new PlanBuilder();
    var nodes = inventory.desiredNodes().stream()
        .sorted((a, b) -> Boolean.compare(isMasterish(a, observation), isMasterish(b, observation)))
        .toList();
    for (DesiredNode desired : nodes) {
      if (!observation.hostReachable(desired.ref().host())) {
        out.problem("host " + desired.ref().host(), "unreachable; " + desired.ref() + " not removed");
        continue;
      }
      Optional<ObservedNode> node = observation.node(desired.ref());
      if (node.isEmpty() || (!node.get().managed() && !node.get().running())) {
        continue;
      }
      long keys = node.get().keys();
      if (keys > 0 && !force) {
        out.problem("node " + desired.ref(), "holds " + keys + " keys; not removed (use --force to drop them)");
        continue;
      }
      out.step(new Step.RemoveNode(desired.ref(), force, keys,
          Reason.of(Code.DESTROY, keys > 0 ? "destroy, dropping " + keys + " keys" : "destroy")));
    }
    return out.build();
  }

  private static boolean isMasterish(DesiredNode desired, Observation observation) {
    return observation.node(desired.ref()).map(n -> !n.isReplica()).orElse(true);
  }
}
