package io.redisfleet.controller.plan;

import java.util.ArrayList;
import java.util.List;

/** Accumulates the parts of a plan while the planners walk the inventory. */
final class PlanBuilder {

  private final List<Step> steps = new ArrayList<>();
  private final List<Problem> problems = new ArrayList<>();
  private final List<String> deferred = new ArrayList<>();
  private final List<String> unreachable = new ArrayList<>();
  private final List<Problem> warnings = new ArrayList<>();
  private final java.util.Set<Integer> barriers = new java.util.HashSet<>();

  void step(Step step) {
    steps.add(step);
  }

  /**
   * Nothing planned after this starts before everything planned before it finished, even steps
   * of the same kind that would otherwise run together (see {@link Stage}).
   */
  void barrier() {
    if (!steps.isEmpty()) {
      barriers.add(steps.size());
    }
  }

  void problem(Problem.Scope scope, Problem.Code code, String message) {
    problems.add(new Problem(scope, code, message));
  }

  /** Something that weakened the plan's checks but blocks nothing (plan still exits 0 or 2). */
  void warn(Problem.Scope scope, Problem.Code code, String message) {
    warnings.add(new Problem(scope, code, message));
  }

  void defer(String why) {
    deferred.add(why);
  }

  /** A host whose agent did not answer: the plan is incomplete. */
  void unreachable(String host) {
    unreachable.add(host);
  }

  /** The steps so far, read-only (a later planner asks whether earlier ones touch its nodes). */
  List<Step> steps() {
    return java.util.Collections.unmodifiableList(steps);
  }

  List<Problem> problems() {
    return java.util.Collections.unmodifiableList(problems);
  }

  List<String> deferred() {
    return java.util.Collections.unmodifiableList(deferred);
  }

  /** Where the plan stands now: {@link #changedSince} then says whether a later step was added. */
  Mark mark() {
    return new Mark(steps.size());
  }

  /**
   * Whether a step was added since {@code mark}: the cluster planner's "something changed, so the
   * cluster must settle (a wait) before what follows", asked by name rather than by counting steps.
   */
  boolean changedSince(Mark mark) {
    return steps.size() != mark.steps();
  }

  /** A point in the plan being built (the steps planned before it). */
  record Mark(int steps) {}

  Plan build() {
    return new Plan(steps, problems, deferred, unreachable, warnings, barriers);
  }
}
