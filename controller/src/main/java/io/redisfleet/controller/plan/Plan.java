package io.redisfleet.controller.plan;

import java.util.List;

/**
 * What apply would do, in order. {@code deferred} lists parts that can only be planned once
 * earlier steps ran (a restarted node's cluster state is unknown until it answers); apply then
 * observes and plans again.
 */
public record Plan(List<Step> steps, List<Problem> problems, List<String> deferred) {

  public Plan {
    steps = List.copyOf(steps);
    problems = List.copyOf(problems);
    deferred = List.copyOf(deferred);
  }

  public boolean hasChanges() {
    return !steps.isEmpty() || !deferred.isEmpty();
  }

  public boolean converged() {
    return steps.isEmpty() && deferred.isEmpty() && problems.isEmpty();
  }
}
