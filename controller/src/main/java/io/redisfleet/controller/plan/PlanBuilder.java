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

  void step(Step step) {
    steps.add(step);
  }

  void problem(String scope, String message) {
    problems.add(new Problem(scope, message));
  }

  /** Something that weakened the plan's checks but blocks nothing (plan still exits 0 or 2). */
  void warn(String scope, String message) {
    warnings.add(new Problem(scope, message));
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

  int stepCount() {
    return steps.size();
  }

  Plan build() {
    return new Plan(steps, problems, deferred, unreachable, warnings);
  }
}
