package io.redisfleet.controller.exec;

import io.redisfleet.controller.model.HostObservation;
import io.redisfleet.controller.model.Inventory;
import io.redisfleet.controller.model.Observation;
import io.redisfleet.controller.observe.Observer;
import io.redisfleet.controller.plan.Plan;
import io.redisfleet.controller.plan.PlanOptions;
import io.redisfleet.controller.plan.Planner;
import io.redisfleet.controller.plan.Problem;
import io.redisfleet.controller.plan.Rollout;
import io.redisfleet.controller.plan.Shards;
import io.redisfleet.controller.plan.StepHosts;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Apply as a reconcile loop: observe, plan, execute, and again, until the plan is empty. Most
 * fleets converge in one round; a second is needed when a restarted node's cluster state could
 * only be known once it answered. Bounded, so a fleet that never converges ends in a report.
 * Hosts that do not answer count against the failure budget; the others proceed.
 */
public final class Reconciler {

  private static final int MAX_ROUNDS = 4;

  /**
   * Asked once, before the first step of an apply runs, with the plan about to run: whether to go
   * on. Apply's preflight is this gate: a no-op apply (an empty first plan) never asks, so it does
   * not pay for host checks that only matter before something changes.
   */
  @FunctionalInterface
  public interface Gate {
    Gate OPEN = plan -> true;

    boolean proceed(Plan first) throws InterruptedException;
  }

  private final Observer observer;
  private final Executor executor;
  private final Consumer<Plan> onPlan;

  public Reconciler(Observer observer, Executor executor, Consumer<Plan> onPlan) {
    this.observer = observer;
    this.executor = executor;
    this.onPlan = onPlan;
  }

  /** The result of an apply: every step run or skipped and the state it left. */
  public record Outcome(List<StepResult> results, Plan lastPlan, Observation lastObservation, List<Problem> problems) {
    public boolean failed() {
      return !problems.isEmpty() || results.stream().anyMatch(r -> r instanceof StepResult.Failed
          || r instanceof StepResult.Skipped s && s.cause() != StepResult.Cause.OUTSIDE_LIMIT);
    }
  }

  public Outcome apply(Inventory inventory) throws InterruptedException {
    return apply(inventory, Rollout.DEFAULT);
  }

  public Outcome apply(Inventory inventory, Rollout rollout) throws InterruptedException {
    return apply(inventory, rollout, PlanOptions.DEFAULT);
  }

  public Outcome apply(Inventory inventory, Rollout rollout, PlanOptions options) throws InterruptedException {
    return apply(inventory, rollout, options, state -> { });
  }

  /** As above; {@code started} gets the run's state first, so a watcher can {@link RolloutState#halt} it. */
  public Outcome apply(Inventory inventory, Rollout rollout, PlanOptions options, Consumer<RolloutState> started)
      throws InterruptedException {
    return apply(inventory, rollout, options, started, Gate.OPEN);
  }

  /** As above; {@code gate} decides, before anything changes, whether the first plan runs at all. */
  public Outcome apply(Inventory inventory, Rollout rollout, PlanOptions options, Consumer<RolloutState> started,
      Gate gate) throws InterruptedException {
    int hosts = (int) inventory.hosts().keySet().stream().filter(rollout::inLimit).count();
    RolloutState state = new RolloutState(rollout, hosts, step -> StepHosts.hosts(step, inventory));
    started.accept(state);
    List<StepResult> results = new ArrayList<>();
    for (int round = 1; ; round++) {
      Observation observation = observer.observe(inventory, true);
      observation.hosts().values().stream().filter(HostObservation.Unreachable.class::isInstance)
          .forEach(u -> state.unreachable(u.host()));
      Plan plan = Planner.apply(inventory, observation, options);
      if (plan.steps().isEmpty() || round > MAX_ROUNDS) {
        return new Outcome(results, plan, observation, problems(plan, state, round > MAX_ROUNDS));
      }
      if (round == 1 && !gate.proceed(plan)) {
        return new Outcome(results, plan, observation, plan.problems());
      }
      onPlan.accept(plan);
      List<StepResult> ran = executor.execute(plan.stages(), Shards.of(inventory, observation), state);
      results.addAll(ran);
      if (ran.stream().anyMatch(r -> !(r instanceof StepResult.Done))) {
        return new Outcome(results, plan, observation, problems(plan, state, false));
      }
    }
  }

  private static List<Problem> problems(Plan plan, RolloutState state, boolean exhausted) {
    List<Problem> problems = new ArrayList<>(plan.problems());
    state.stopped().ifPresent(why -> problems.add(new Problem(Problem.Scope.APPLY, Problem.Code.ROLLOUT_STOPPED, why)));
    if (exhausted) {
      plan.deferred().forEach(d -> problems.add(new Problem(Problem.Scope.APPLY, Problem.Code.NOT_CONVERGED, "could not converge: " + d)));
      problems.add(new Problem(Problem.Scope.APPLY, Problem.Code.NOT_CONVERGED, "still " + plan.steps().size() + " step(s) to do after "
          + MAX_ROUNDS + " rounds"));
    } else if (plan.steps().isEmpty()) {
      plan.deferred().forEach(d -> problems.add(new Problem(Problem.Scope.APPLY, Problem.Code.NOT_CONVERGED, "could not converge: " + d)));
    }
    return problems;
  }
}
