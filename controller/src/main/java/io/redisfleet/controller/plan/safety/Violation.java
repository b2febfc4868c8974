package io.redisfleet.controller.plan.safety;

import io.redisfleet.controller.model.NodeRef;
import io.redisfleet.controller.plan.Step;

/** A step that would break an invariant, with the node it would harm and what was seen. */
public record Violation(Invariant invariant, Step step, NodeRef node, String seen) {

  /** One line naming the invariant, the node and the step: what a refusal says. */
  public String message() {
    return "invariant " + invariant.name() + " (" + invariant.rule() + "): refusing \"" + step.describe()
        + "\": " + node + " " + seen;
  }
}
