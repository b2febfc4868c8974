package io.redisfleet.controller.plan;

import io.redisfleet.controller.model.Inventory;
import io.redisfleet.controller.model.ObservedNode;
import io.redisfleet.controller.model.Observation;
import io.redisfleet.controller.plan.Reason.Code;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Takes out the nodes no inventory declares any more (see {@link Orphans}), as a cluster scale in
 * does: a replica with its link up holds a copy and is removed without --force; a master holding
 * keys is refused without --force and named in the plan's problems. Replicas go first, so no
 * replica is left behind following a removed master. A master a declared node still replicates
 * from is left to the group's handover; cluster nodes to the cluster's scale in.
 */
final class OrphanPlanner {

  private OrphanPlanner() {}

  static void plan(Inventory inventory, Observation observation, PlanOptions options, PlanBuilder out) {
    Set<String> followed = inventory.desiredNodes().stream().map(d -> observation.node(d.ref()))
        .flatMap(java.util.Optional::stream).map(n -> n.master().orElse(null)).filter(Objects::nonNull)
        .collect(Collectors.toSet());
    List<Step> masters = new ArrayList<>();
    for (ObservedNode node : Orphans.of(inventory, observation)) {
      if (Orphans.clusterNode(node) || followed.contains(inventory.addressOf(node.ref()) + ":" + node.ref().port())) {
        continue;
      }
      Problem.Scope scope = Problem.Scope.node(node.ref());
      String orphan = "not in the inventory";
      if (!node.running() || !node.reachable()) {
        String state = node.running() ? "does not answer (" + node.error() + ")" : "is stopped";
        if (options.force() || !node.running()) {
          // A stopped node's agent refuses without --force when data files are on disk.
          masters.add(new Step.RemoveNode(node.ref(), options.force(), 0, Reason.of(Code.ORPHAN, orphan + ", " + state)));
        } else {
          out.problem(scope, Problem.Code.ORPHAN_KEPT, orphan + " and " + state + "; not removed (apply --force removes it with its data)");
        }
      } else if (node.isReplica() && node.linkUp()) {
        out.step(new Step.RemoveReplica(node.ref(), node.master().orElse("?"), Reason.of(Code.ORPHAN, orphan)));
      } else if (node.keys() == 0) {
        masters.add(new Step.RemoveNode(node.ref(), false, 0, Reason.of(Code.ORPHAN, orphan + ", holds no keys")));
      } else if (options.force()) {
        masters.add(new Step.RemoveNode(node.ref(), true, node.keys(), Reason.of(Code.ORPHAN, orphan + ", --force")));
      } else {
        String what = node.isReplica() ? "a replica whose link to " + node.master().orElse("?") + " is down (its "
            + node.keys() + " keys may be the only copy)" : "a master holding " + node.keys() + " keys";
        out.problem(scope, Problem.Code.ORPHAN_KEPT, orphan + ": " + what + "; not removed (declare it again, or apply --force drops it)");
      }
    }
    masters.forEach(out::step);
  }
}
