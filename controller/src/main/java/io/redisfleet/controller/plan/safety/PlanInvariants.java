package io.redisfleet.controller.plan.safety;

import io.redisfleet.controller.model.NodeRef;
import io.redisfleet.controller.model.ObservedNode;
import io.redisfleet.controller.model.Observation;
import io.redisfleet.controller.plan.Step;
import java.util.BitSet;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Checks a whole plan before any of it runs: replays its slot moves and assignments over the
 * slots every observed view claims, and at each destructive step asks whether the node it harms
 * would still own slots or keys by then. The planners are meant never to produce such a step;
 * this is the independent second look, in one place, so a planner bug refuses instead of
 * losing data (an early return in one planner once let a master with slots be forgotten).
 */
public final class PlanInvariants {

  private PlanInvariants() {}

  /**
   * The first violation, in plan order; empty when every step keeps every invariant. With
   * {@code force} (the operator's {@code --force}) a slot some node claims may be assigned anyway (a shard lost for good is
   * re-covered empty) and forced removals pass. Forgetting or resetting a slot owner never does,
   * except, forced, the master of a lost shard (a {@link Step.ForgetStale} that drops slots) whose
   * every slot a later step of the same plan assigns again.
   */
  public static Optional<Violation> firstViolation(List<Step> steps, Observation observation, boolean force) {
    SlotClaims claims = SlotClaims.of(observation);
    Set<NodeRef> gaveSlots = new HashSet<>();
    for (int i = 0; i < steps.size(); i++) {
      Step step = steps.get(i);
      if (force && step instanceof Step.ForgetStale f && f.dropsSlots()
          && coveredLater(claims.claimedBy(f.staleId()), steps.subList(i + 1, steps.size()))) {
        // a lost shard (every member on a gone host), forced: its slots are assigned again, empty,
        // by this plan; from here on nobody claims them
        claims.drop(f.staleId());
        continue;
      }
      Optional<Violation> v = check(step, claims, observation, gaveSlots)
          .filter(found -> !(force && found.invariant() == Invariant.NO_ASSIGN_CLAIMED_SLOT));
      if (v.isPresent()) {
        return v;
      }
      if (step instanceof Step.MigrateSlots m) {
        claims.move(Optional.of(claims.idOf(m.node())), claims.idOf(m.target()), m.ranges());
        gaveSlots.add(m.node());
      } else if (step instanceof Step.AddSlots a) {
        claims.move(Optional.empty(), claims.idOf(a.node()), a.ranges());
      }
    }
    return Optional.empty();
  }

  /** Whether AddSlots steps among {@code later} assign every slot of {@code slots}. */
  private static boolean coveredLater(BitSet slots, List<Step> later) {
    BitSet left = (BitSet) slots.clone();
    later.stream().filter(Step.AddSlots.class::isInstance).map(Step.AddSlots.class::cast)
        .flatMap(a -> a.ranges().stream()).forEach(r -> left.clear(r.start(), r.end() + 1));
    return left.isEmpty();
  }

  private static Optional<Violation> check(Step step, SlotClaims claims, Observation observation,
      Set<NodeRef> gaveSlots) {
    if (step instanceof Step.AddSlots a) {
      BitSet taken = claims.claimedByOthers(claims.idOf(a.node()), a.ranges());
      return taken.isEmpty() ? Optional.empty() : Optional.of(new Violation(Invariant.NO_ASSIGN_CLAIMED_SLOT, step,
          a.node(), "would get " + SlotClaims.brief(taken) + " that another node claims"));
    } else if (step instanceof Step.Forget f) {
      return owner(step, f.leaving(), claims.claimedBy(f.leavingId()));
    } else if (step instanceof Step.ForgetStale f) {
      return owner(step, f.node(), claims.claimedBy(f.staleId())).map(v -> new Violation(v.invariant(), step,
          v.node(), "would forget " + f.staleId() + ", which " + v.seen().replace("would still own", "still owns")));
    } else if (step instanceof Step.LeaveCluster || step instanceof Step.RemoveNode r && !r.force()) {
      Optional<Violation> slots = step instanceof Step.RemoveNode r && r.destroy() ? Optional.empty()
          : owner(step, step.node(), claims.claimedBy(claims.idOf(step.node())));
      return slots.or(() -> masterKeys(step, observation, gaveSlots));
    } else if (step instanceof Step.Replicate) {
      BitSet owned = claims.claimedBy(claims.idOf(step.node()));
      if (!owned.isEmpty()) {
        return Optional.of(new Violation(Invariant.NO_REPLICATE_OVER_DATA, step, step.node(),
            "would still own " + SlotClaims.brief(owned)));
      }
      return masterKeys(step, observation, gaveSlots).map(v -> new Violation(Invariant.NO_REPLICATE_OVER_DATA,
          step, v.node(), v.seen()));
    }
    return Optional.empty();
  }

  private static Optional<Violation> owner(Step step, NodeRef node, BitSet owned) {
    return owned.isEmpty() ? Optional.empty() : Optional.of(new Violation(Invariant.NO_FORGET_SLOT_OWNER, step, node,
        "would still own " + SlotClaims.brief(owned)));
  }

  /** A master holding keys keeps them unless the plan moved its slots (its keys go with them) first. */
  private static Optional<Violation> masterKeys(Step step, Observation observation, Set<NodeRef> gaveSlots) {
    Optional<ObservedNode> node = observation.node(step.node());
    if (node.isEmpty() || node.get().isReplica() || node.get().keys() == 0 || gaveSlots.contains(step.node())) {
      return Optional.empty();
    }
    return Optional.of(new Violation(Invariant.NO_REMOVE_MASTER_WITH_KEYS, step, step.node(),
        "is a master holding " + node.get().keys() + " keys"));
  }
}
