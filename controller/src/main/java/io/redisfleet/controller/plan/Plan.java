package io.redisfleet.controller.plan;

import java.util.List;

/**
 * What apply would do, in order. {@code deferred} lists parts that can only be planned once
 * earlier steps ran (a restarted node's cluster state is unknown until it answers); apply then
 * observes and plans again.
 */
public record Plan(List<Step> steps, List<Problem> problems, List<String> deferred, List<String> unreachableHosts,
    List<Problem> warnings) {

  public Plan {
    steps = List.copyOf(steps);
    problems = List.copyOf(problems);
    deferred = List.copyOf(deferred);
    unreachableHosts = List.copyOf(unreachableHosts);
    warnings = List.copyOf(warnings);
  }

  /** Without warnings: what something weakened that the plan still decides (they fail nothing). */
  public Plan(List<Step> steps, List<Problem> problems, List<String> deferred, List<String> unreachableHosts) {
    this(steps, problems, deferred, unreachableHosts, List.of());
  }

  /** A plan made with every host answering. */
  public Plan(List<Step> steps, List<Problem> problems, List<String> deferred) {
    this(steps, problems, deferred, List.of());
  }

  /**
   * Some hosts did not answer: the plan holds only what is safe without them, and what needs
   * them is deferred. Never "nothing to do": the fleet's state there is unknown.
   */
  public boolean incomplete() {
    return !unreachableHosts.isEmpty();
  }

  /** The steps cut into what may run at once (see {@link Stage}); the executor runs these. */
  public List<Stage> stages() {
    return Stage.of(steps);
  }

  public boolean hasChanges() {
    return !steps.isEmpty() || !deferred.isEmpty();
  }

  public boolean converged() {
    return steps.isEmpty() && deferred.isEmpty() && problems.isEmpty();
  }
}
