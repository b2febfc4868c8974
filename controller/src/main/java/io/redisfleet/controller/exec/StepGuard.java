package io.redisfleet.controller.exec;

import io.redisfleet.controller.agentclient.AgentCallException;
import io.redisfleet.controller.model.NodeRef;
import io.redisfleet.controller.model.ObservedNode;
import io.redisfleet.controller.plan.Step;
import io.redisfleet.controller.plan.safety.StepInvariants;
import io.redisfleet.controller.plan.safety.Violation;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Observes the nodes a destructive step could harm right before it runs and refuses it when
 * {@link StepInvariants} says it would lose data now. The plan was checked when it was made; this
 * catches what changed since (a failover, a by-hand SETSLOT, another controller killed halfway).
 */
final class StepGuard {

  private final Fleet fleet;

  StepGuard(Fleet fleet) {
    this.fleet = fleet;
  }

  void check(Step step) throws AgentCallException, StepFailure {
    List<NodeRef> needs = StepInvariants.needs(step);
    if (needs.isEmpty()) {
      return;
    }
    Map<NodeRef, ObservedNode> fresh = new HashMap<>();
    for (NodeRef ref : needs) {
      try {
        fresh.put(ref, fleet.observe(ref));
      } catch (AgentCallException e) {
        if (ref.equals(step.node())) {
          throw e; // the step's own node: the step would fail the same way
        }
        // another node's agent did not answer: the step's own node view is still checked
      }
    }
    Optional<Violation> violation = StepInvariants.check(step, fresh);
    if (violation.isPresent()) {
      throw new StepFailure(violation.get().message());
    }
  }
}
