package io.redisfleet.controller.plan;

import io.redisfleet.controller.model.HostObservation;
import io.redisfleet.controller.model.Inventory;
import io.redisfleet.controller.model.ObservedNode;
import io.redisfleet.controller.model.Observation;
import io.redisfleet.controller.plan.Reason.Code;
import java.util.Comparator;

/**
 * Removes what an interrupted scale in left behind: a node an inventory agent runs that no
 * inventory declares, in cluster mode, that knows only itself, owns no slot and holds no key —
 * the state {@code CLUSTER RESET} leaves a leaving node in. Its removal was the next step when
 * the controller died. Nothing is lost by removing it (no key, no slot, no peer), so no
 * {@code --force}; a node with keys or peers is left alone here.
 */
final class LeftoverNodes {

  private LeftoverNodes() {}

  static void plan(Inventory inventory, Observation observation, PlanBuilder out) {
    java.util.Set<io.redisfleet.controller.model.NodeRef> declared = new java.util.HashSet<>();
    inventory.desiredNodes().forEach(d -> declared.add(d.ref()));
    observation.hosts().values().stream()
        .filter(HostObservation.Reachable.class::isInstance)
        .map(HostObservation.Reachable.class::cast)
        .flatMap(r -> r.nodes().values().stream())
        .filter(n -> !declared.contains(n.ref()))
        .filter(LeftoverNodes::resetAndEmpty)
        .sorted(Comparator.comparing(ObservedNode::ref))
        .forEach(n -> out.step(new Step.RemoveNode(n.ref(), false, 0, Reason.of(Code.NODE_LEAVING,
            "left its cluster (CLUSTER RESET: no peer, no slot, no key) but was not removed"))));
  }

  private static boolean resetAndEmpty(ObservedNode node) {
    return node.running() && node.reachable() && node.keys() == 0 && !node.isReplica()
        && node.cluster().map(c -> c.knownNodes() <= 1 && c.slotsAssigned() == 0 && c.currentEpoch() > 0)
            .orElse(false);
  }
}
