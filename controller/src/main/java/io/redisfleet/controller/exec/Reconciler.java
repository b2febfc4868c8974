package io.redisfleet.controller.exec;

import io.redisfleet.controller.model.Inventory;
import io.redisfleet.controller.model.Observation;
import io.redisfleet.controller.observe.Observer;
import io.redisfleet.controller.plan.Plan;
import io.redisfleet.controller.plan.Planner;
import io.redisfleet.controller.plan.Problem;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Apply as a reconcile loop: observe, plan, execute, and again, until the plan is empty. Most
 * fleets converge in one round; a second is needed when a restarted node's cluster state could
 * only be known once it answered. Bounded, so a fleet that never converges ends in a report.
 */
public final class Reconciler {

  private static final int MAX_ROUNDS = 4;

  private final Observer observer;
  private final Executor executor;
  private final Consumer<Plan> onPlan;

  public Reconciler(Observer observer, Executor executor, Consumer<Plan> onPlan) {
    this.observer = observer;
    this.executor = executor;
    this.onPlan = onPlan;
  }

  /** The result of an apply: every step run and the state it left. */
  public record Outcome(List<StepResult> results, Plan lastPlan, Observation lastObservation, List<Problem> problems) {
    public boolean failed() {
      return !problems.isEmpty() || results.stream().anyMatch(r -> !(r instanceof StepResult.Done));
    }
  }

  public Outcome apply(Inventory inventory) throws InterruptedException {
    List<StepResult> results = new ArrayList<>();
    for (int round = 1; ; round++) {
      Observation observation = observer.observe(inventory, true);
      Plan plan = Planner.apply(inventory, observation);
      if (plan.steps().isEmpty() || round > MAX_ROUNDS) {
        List<Problem> problems = new ArrayList<>(plan.problems());
        plan.deferred().forEach(d -> problems.add(new Problem("apply", "could not converge: " + d)));
        if (!plan.steps().isEmpty()) {
          problems.add(new Problem("apply", "still " + plan.steps().size() + " step(s) to do after "
              + MAX_ROUNDS + " rounds"));
        }
        return new Outcome(results, plan, observation, problems);
      }
      onPlan.accept(plan);
      List<StepResult> ran = executor.execute(plan.steps());
      results.addAll(ran);
      if (ran.stream().anyMatch(r -> !(r instanceof StepResult.Done))) {
        return new Outcome(results, plan, observation, plan.problems());
      }
    }
  }
}
