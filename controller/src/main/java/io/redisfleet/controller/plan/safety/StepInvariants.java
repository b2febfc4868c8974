package io.redisfleet.controller.plan.safety;

import io.redisfleet.controller.model.ClusterNodeView;
import io.redisfleet.controller.model.NodeRef;
import io.redisfleet.controller.model.ObservedNode;
import io.redisfleet.controller.model.SlotRange;
import io.redisfleet.controller.plan.Step;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The executor's check right before a destructive step, against the nodes as they are now (a
 * plan may be minutes old, Redis may have failed a master over, another apply may have been
 * killed halfway). Pure: the executor observes, this decides.
 */
public final class StepInvariants {

  private StepInvariants() {}

  /** The nodes whose fresh state the check needs before {@code step}; empty when it needs none. */
  public static List<NodeRef> needs(Step step) {
    if (step instanceof Step.Forget f) {
      return List.of(f.node(), f.leaving());
    } else if (step instanceof Step.ForgetStale) {
      return List.of(step.node());
    } else if (step instanceof Step.Failover f) {
      return List.of(f.node(), f.master());
    } else if (step instanceof Step.Promote p) {
      return List.of(p.node(), p.from());
    } else if (step instanceof Step.LeaveCluster || step instanceof Step.Replicate || step instanceof Step.AddSlots
        || step instanceof Step.Meet m && m.seenId().isPresent() || step instanceof Step.RemoveNode r && !r.force()) {
      return List.of(step.node());
    }
    return List.of();
  }

  /** A violation the step would cause now; {@code fresh} holds what {@link #needs} listed, when it answered. */
  public static Optional<Violation> check(Step step, Map<NodeRef, ObservedNode> fresh) {
    if (needs(step).isEmpty()) {
      return Optional.empty(); // not destructive, or forced by the operator (destroy --force)
    }
    if (step instanceof Step.Forget f) {
      Optional<Violation> inForgetter = Optional.ofNullable(fresh.get(f.node())).flatMap(ObservedNode::cluster)
          .flatMap(c -> c.byId(f.leavingId()))
          .flatMap(line -> owns(step, f.leaving(), line.slots(), "in the view of " + f.node()));
      return inForgetter.or(() -> ownSlots(step, f.leaving(), fresh));
    } else if (step instanceof Step.ForgetStale f) {
      return Optional.ofNullable(fresh.get(f.node())).flatMap(ObservedNode::cluster)
          .flatMap(c -> c.byId(f.staleId()))
          .flatMap(line -> owns(step, f.node(), f.dropsSlots() ? List.of() : line.slots(), "through stale id "
              + f.staleId() + " in the view of " + f.node()).or(() -> answering(step, f, line)));
    } else if (step instanceof Step.Failover f) {
      return coordinated(f, fresh);
    } else if (step instanceof Step.Promote p) {
      return fencedAndCaughtUp(p, fresh);
    } else if (step instanceof Step.Meet m) {
      return replaced(step, m.seenId(), fresh);
    } else if (step instanceof Step.AddSlots a) {
      return replaced(step, a.seenId(), fresh).or(() -> Optional.ofNullable(fresh.get(a.node())).flatMap(ObservedNode::cluster).flatMap(c -> c.nodes().stream()
          .filter(line -> !line.flags().contains("myself") && overlaps(line, a.ranges()))
          .findFirst()
          .map(line -> new Violation(Invariant.NO_ASSIGN_CLAIMED_SLOT, step, a.node(),
              "would get slots that " + line.host() + ":" + line.port() + " (" + line.id() + ") claims"))));
    } else if (step instanceof Step.LeaveCluster || step instanceof Step.RemoveNode || step instanceof Step.Replicate) {
      Invariant keys = step instanceof Step.Replicate ? Invariant.NO_REPLICATE_OVER_DATA
          : Invariant.NO_REMOVE_MASTER_WITH_KEYS;
      Optional<Violation> slots = step instanceof Step.RemoveNode r && r.destroy() ? Optional.empty()
          : ownSlots(step, step.node(), fresh);
      return slots.or(() -> Optional.ofNullable(fresh.get(step.node()))
          .filter(n -> n.running() && n.reachable() && !n.isReplica() && n.keys() > 0)
          .map(n -> new Violation(keys, step, step.node(), "is a master holding " + n.keys() + " keys now")));
    }
    return Optional.empty();
  }

  /**
   * The replica still follows the step's master with its link up (a node already master is the
   * agent's no-op: the failover happened). Anything else (Redis failed it over elsewhere meanwhile,
   * its link dropped) would promote a node that is not in sync with that master.
   */
  private static Optional<Violation> coordinated(Step.Failover f, Map<NodeRef, ObservedNode> fresh) {
    ObservedNode replica = fresh.get(f.node());
    if (replica == null || !replica.reachable() || !replica.isReplica()) {
      return Optional.empty();
    }
    Optional<String> follows = replica.cluster().flatMap(c -> c.myself()).map(ClusterNodeView::masterId);
    Optional<String> masterId = Optional.ofNullable(fresh.get(f.master())).flatMap(ObservedNode::cluster)
        .map(c -> c.myId());
    if (follows.isPresent() && masterId.isPresent() && !follows.get().equals(masterId.get())) {
      return Optional.of(new Violation(Invariant.CLUSTER_FAILOVER_COORDINATED, f, f.node(),
          "replicates " + follows.get() + " now, not " + f.master() + " (" + masterId.get() + ")"));
    }
    return replica.linkUp() ? Optional.empty() : Optional.of(new Violation(Invariant.CLUSTER_FAILOVER_COORDINATED, f,
        f.node(), "has its link to " + f.master() + " down now: a coordinated failover could not catch up"));
  }

  /**
   * A promotion without FAILOVER loses nothing only while the old master is fenced (it has taken no
   * write since its replica acknowledged them all) and the node still follows it with the link up.
   * A node already master is the agent's no-op (the promotion happened).
   */
  private static Optional<Violation> fencedAndCaughtUp(Step.Promote p, Map<NodeRef, ObservedNode> fresh) {
    ObservedNode node = fresh.get(p.node());
    if (node != null && node.reachable() && node.isMaster()) {
      return Optional.empty();
    }
    ObservedNode from = fresh.get(p.from());
    String problem = from == null || !from.reachable() ? p.from() + " does not answer"
        : !from.fenced() ? p.from() + " takes writes (not fenced)"
        : node == null || !node.reachable() ? p.node() + " does not answer"
        : !node.isReplica() || !node.master().map(a -> a.endsWith(":" + p.from().port())).orElse(false)
            ? p.node() + " does not replicate from " + p.from()
        : !node.linkUp() ? p.node() + " has its link to " + p.from() + " down"
        : null;
    return problem == null ? Optional.empty() : Optional.of(new Violation(Invariant.MASTER_MOVE_BY_PROMOTION, p,
        p.node(), problem + " now: promoting it could lose writes"));
  }

  /** The step's node answers with another id than the one the plan saw: it was replaced since. */
  private static Optional<Violation> replaced(Step step, Optional<String> seenId, Map<NodeRef, ObservedNode> fresh) {
    Optional<String> now = Optional.ofNullable(fresh.get(step.node())).filter(ObservedNode::reachable)
        .flatMap(ObservedNode::cluster).map(c -> c.myId()).filter(id -> !id.isEmpty());
    if (seenId.isEmpty() || now.isEmpty() || now.get().equals(seenId.get())) {
      return Optional.empty();
    }
    return Optional.of(new Violation(Invariant.NO_STEP_ON_REPLACED_NODE, step, step.node(), "answers as " + now.get()
        + " now, not as " + seenId.get() + " when this plan was made: replaced since; the next apply plans for it anew"));
  }

  private static Optional<Violation> ownSlots(Step step, NodeRef node, Map<NodeRef, ObservedNode> fresh) {
    return Optional.ofNullable(fresh.get(node)).flatMap(ObservedNode::cluster).flatMap(c -> c.myself())
        .flatMap(me -> owns(step, node, me.slots(), "in its own view"));
  }

  private static Optional<Violation> owns(Step step, NodeRef node, List<SlotRange> slots, String where) {
    int count = slots.stream().mapToInt(SlotRange::size).sum();
    return count == 0 ? Optional.empty() : Optional.of(new Violation(Invariant.NO_FORGET_SLOT_OWNER, step, node,
        "owns " + count + " slot(s) " + where + " now"));
  }

  /** A "stale" id that is connected and not failing now answers again: forgetting it would drop a live node. */
  private static Optional<Violation> answering(Step step, Step.ForgetStale f, ClusterNodeView line) {
    boolean back = line.connected() && !line.failing() && !line.flags().contains("noaddr");
    return back ? Optional.of(new Violation(Invariant.NO_FORGET_ANSWERING_NODE, step, f.node(), "lists " + f.staleId()
        + " as connected and not failing now: not stale")) : Optional.empty();
  }

  private static boolean overlaps(ClusterNodeView line, List<SlotRange> ranges) {
    BitSet theirs = new BitSet(SlotRange.SLOTS);
    line.slots().forEach(r -> theirs.set(r.start(), r.end() + 1));
    return ranges.stream().anyMatch(r -> theirs.get(r.start(), r.end() + 1).cardinality() > 0);
  }
}
