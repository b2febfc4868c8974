package io.redisfleet.controller.plan;

import io.redisfleet.controller.model.Inventory;
import io.redisfleet.controller.model.ObservedNode;
import io.redisfleet.controller.model.Observation;
import io.redisfleet.controller.plan.Reason.Code;

/**
 * Removes what an interrupted scale in left behind: a node an inventory agent runs that no
 * inventory declares, in cluster mode, that knows only itself, owns no slot and holds no key —
 * the state {@code CLUSTER RESET} leaves a leaving node in (its removal was the next step when
 * the controller died), and the state of a node started for a cluster it never met before the
 * inventory dropped it (its host did not answer while the others formed the cluster; found by
 * PlannerModelTest). Nothing is lost by removing it (no key, no slot, no peer), so no
 * {@code --force}; a node with keys or peers is left alone here.
 */
final class LeftoverNodes {

  private LeftoverNodes() {}

  static void plan(Inventory inventory, Observation observation, PlanBuilder out) {
    Orphans.of(inventory, observation).stream()
        .filter(LeftoverNodes::resetAndEmpty)
        .forEach(n -> out.step(new Step.RemoveNode(n.ref(), false, 0, Reason.of(Code.NODE_LEAVING,
            "left its cluster (CLUSTER RESET: no peer, no slot, no key) but was not removed"))));
  }

  private static boolean resetAndEmpty(ObservedNode node) {
    return node.running() && node.reachable() && node.keys() == 0 && !node.isReplica()
        && node.cluster().map(c -> c.knownNodes() <= 1 && c.slotsAssigned() == 0)
            .orElse(false);
  }
}
