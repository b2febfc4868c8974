package io.redisfleet.controller.plan;

import io.redisfleet.controller.model.ClusterSpec;
import io.redisfleet.controller.model.Inventory;
import io.redisfleet.controller.model.NodeRef;
import io.redisfleet.controller.model.ObservedNode;
import io.redisfleet.controller.model.Observation;
import io.redisfleet.controller.model.Readiness;
import io.redisfleet.controller.plan.Reason.Code;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Moves masters back when failovers eroded the spread placement chose: a master's host failed
 * and came back as a replica, so another host now holds two masters and losing it would lose
 * the majority. When the OBSERVED layout fails {@link TopologyAnalysis}, each shard to fix is
 * failed over to its in-sync replica by a coordinated CLUSTER FAILOVER (no FORCE or TAKEOVER:
 * the master pauses writes until the replica has them all, so no acknowledged write is lost),
 * one shard at a time: each failover is followed by a wait until the roles swapped and a wait
 * until every node agrees on the slot map, before the next shard moves.
 *
 * <p>Only a settled cluster is touched: every node answers, says ok, agrees on the slots, every
 * replica's link is up, no slot is open, and the rest of this plan leaves the cluster alone.
 * Anything else is the other planners' business first; the next round looks again. Crash safe:
 * the plan is made from the roles observed now, so a failover that already happened is simply
 * not planned again (and the agent's failover is a no-op on a node that is already a master).
 * Off with {@code clusters.NAME.restore-spread = false}.
 */
final class SpreadPlanner {

  private SpreadPlanner() {}

  static void plan(Inventory inventory, Observation observation, PlanBuilder out) {
    for (ClusterSpec spec : inventory.clusters()) {
      if (spec.restoreSpread() && untouched(spec, out) && settled(spec, inventory, observation)) {
        ObservedLayout observed = ObservedLayout.of(spec, inventory, observation);
        Set<NodeRef> synced = new HashSet<>();
        observed.layout().replicaOf().keySet().stream()
            .filter(r -> observation.node(r).map(ObservedNode::linkUp).orElse(false)).forEach(synced::add);
        for (SpreadSwaps.Swap swap : SpreadSwaps.choose(spec, inventory.hosts(), observed.layout(), synced)) {
          out.step(new Step.Failover(spec.name(), swap.replica(), swap.master(), Reason.of(Code.SPREAD_RESTORE,
              swap.why())));
          out.step(new Step.WaitFailover(spec.name(), swap.replica(), swap.master(), inventory.timeouts().clusterJoin(),
              Reason.of(Code.AWAIT_CONVERGENCE, "roles swapped")));
          out.step(new Step.WaitClusterReady(spec.name(), spec.refs(), inventory.timeouts().clusterJoin(),
              Reason.of(Code.AWAIT_CONVERGENCE, "every node agrees on " + swap.replica()
                  + " as master before the next shard moves")));
        }
      }
    }
  }

  /** No step, problem or deferral of this plan concerns the cluster: it is converged otherwise. */
  private static boolean untouched(ClusterSpec spec, PlanBuilder out) {
    Set<NodeRef> refs = Set.copyOf(spec.refs());
    Problem.Scope scope = Problem.Scope.cluster(spec.name());
    return out.steps().stream().noneMatch(s -> StepHosts.nodes(s).stream().anyMatch(refs::contains))
        && out.problems().stream().noneMatch(p -> p.scope().equals(scope))
        && out.deferred().stream().noneMatch(d -> d.startsWith(scope + ":"));
  }

  /** Every node answers, all are ready and agree, every replica is linked, no slot is open. */
  private static boolean settled(ClusterSpec spec, Inventory inventory, Observation observation) {
    ClusterMembers members = new ClusterMembers(spec, inventory, observation);
    Map<NodeRef, ObservedNode> live = members.live();
    if (live.size() != spec.refs().size() || Readiness.ready(live) != null) {
      return false;
    }
    List<String> foreign = new java.util.ArrayList<>();
    boolean open = !members.openSlots(foreign).isEmpty() || !foreign.isEmpty();
    return !open && live.values().stream().allMatch(n -> !n.isReplica() || n.linkUp());
  }
}
