package io.redisfleet.controller.plan;

import java.util.ArrayList;
import java.util.List;

/**
 * Steps of a plan that may run at once; the executor runs a plan stage by stage, so the end of a
 * stage is a barrier: nothing after it starts before every step of it finished. The plan's
 * contract with the executor, kept here in one place: consecutive steps that are each
 * {@link Step#parallel()} and of one {@link Step#kind()} form a stage (starting six nodes, meeting
 * five, every member forgetting a stale id); every other step (a restart, a slot move, a wait) is
 * a stage of its own; and a planner that needs a barrier between two groups of otherwise
 * parallel steps says so ({@code PlanBuilder.barrier()}, kept in {@link Plan#barriers()}): the
 * password rotation puts one between its phases, so no node switches its masterauth before every
 * node accepts the new password.
 */
public record Stage(List<Step> steps) {

  public Stage {
    steps = List.copyOf(steps);
    if (steps.isEmpty()) {
      throw new IllegalArgumentException("a stage has at least one step");
    }
  }

  /** Whether the steps may run at the same time (more than one, each parallel). */
  public boolean parallel() {
    return steps.size() > 1;
  }

  /** Whether {@code next} may run together with this stage's steps. */
  boolean admits(Step next) {
    Step first = steps.get(0);
    return first.parallel() && next.parallel() && next.kind().equals(first.kind());
  }

  /** {@code steps}, in order, cut into stages, with no barrier but those the step kinds make. */
  public static List<Stage> of(List<Step> steps) {
    return of(steps, java.util.Set.of());
  }

  /** {@code steps}, in order, cut into stages; a stage also ends before each index in {@code barriers}. */
  public static List<Stage> of(List<Step> steps, java.util.Set<Integer> barriers) {
    List<Stage> stages = new ArrayList<>();
    List<Step> current = new ArrayList<>();
    for (int i = 0; i < steps.size(); i++) {
      Step step = steps.get(i);
      if (!current.isEmpty() && (barriers.contains(i) || !new Stage(current).admits(step))) {
        stages.add(new Stage(current));
        current = new ArrayList<>();
      }
      current.add(step);
    }
    if (!current.isEmpty()) {
      stages.add(new Stage(current));
    }
    return stages;
  }
}
