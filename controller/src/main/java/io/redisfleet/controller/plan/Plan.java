package io.redisfleet.controller.plan;

import java.util.List;
import java.util.Set;

/**
 * What apply would do, in order. {@code deferred} lists parts that can only be planned once
 * earlier steps ran (a restarted node's cluster state is unknown until it answers); apply then
 * observes and plans again. {@code barriers} are the indexes of steps before which a planner
 * asked for a barrier (see {@link Stage}): nothing from there on starts before every step
 * before it finished, whatever their kinds.
 */
public record Plan(List<Step> steps, List<Problem> problems, List<String> deferred, List<String> unreachableHosts,
    List<Problem> warnings, Set<Integer> barriers) {

  public Plan {
    steps = List.copyOf(steps);
    problems = List.copyOf(problems);
    deferred = List.copyOf(deferred);
    unreachableHosts = List.copyOf(unreachableHosts);
    warnings = List.copyOf(warnings);
    barriers = Set.copyOf(barriers);
  }

  /** With no barrier but those the step kinds make. */
  public Plan(List<Step> steps, List<Problem> problems, List<String> deferred, List<String> unreachableHosts,
      List<Problem> warnings) {
    this(steps, problems, deferred, unreachableHosts, warnings, Set.of());
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
    return Stage.of(steps, barriers);
  }

  /** This plan's first {@code count} steps (and their barriers), with these problems. */
  Plan prefix(int count, List<Problem> problems) {
    return new Plan(steps.subList(0, count), problems, deferred, unreachableHosts, warnings,
        barriers.stream().filter(b -> b < count).collect(java.util.stream.Collectors.toSet()));
  }

  public boolean hasChanges() {
    return !steps.isEmpty() || !deferred.isEmpty();
  }

  public boolean converged() {
    return steps.isEmpty() && deferred.isEmpty() && problems.isEmpty();
  }
}
