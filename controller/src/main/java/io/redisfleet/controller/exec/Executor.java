package io.redisfleet.controller.exec;

import io.redisfleet.controller.model.NodeRef;
import io.redisfleet.controller.plan.Batcher;
import io.redisfleet.controller.plan.Plan;
import io.redisfleet.controller.plan.Rollout;
import io.redisfleet.controller.plan.Stage;
import io.redisfleet.controller.plan.Step;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * Runs a plan's steps in order, stage by stage ({@link Stage}: the plan says which steps may run
 * at once). A stage's steps run at once, in batches of {@code --batch} hosts, never two members
 * of a shard together when the step is disruptive (see {@link Batcher}); the end of a stage is a
 * barrier.
 *
 * <p>Failures: a failed change fails its host, a failed wait every host it watched; their later
 * steps (and steps involving them) are skipped while the other hosts go on, until more hosts
 * failed than {@code --max-fail} allows; then everything left is skipped. The next apply resumes
 * from whatever was done.
 */
public final class Executor {

  private final StepRunner runner;
  private final ExecutorService pool;
  private final Consumer<StepResult> listener;

  public Executor(Fleet fleet, ExecutorService pool, Consumer<StepResult> listener) {
    this.runner = new StepRunner(fleet);
    this.pool = pool;
    this.listener = listener;
  }

  /**
   * Runs a plan stage by stage (its barriers included), with no batching and no failure budget:
   * after the first failure, the rest is skipped.
   */
  public List<StepResult> execute(Plan plan) throws InterruptedException {
    return execute(plan.stages(), Map.of(), new RolloutState(new Rollout(Rollout.Size.all(), Rollout.Size.count(0),
        java.util.Set.of()), 1));
  }

  public List<StepResult> execute(List<Stage> stages, Map<NodeRef, String> shards, RolloutState state)
      throws InterruptedException {
    List<StepResult> results = new ArrayList<>();
    for (Stage stage : stages) {
      List<Step> runnable = admit(stage.steps(), state, results);
      int perBatch = state.rollout().hostsPerBatch(state.totalHosts());
      for (List<Step> batch : Batcher.split(runnable, perBatch, shards)) {
        for (StepResult result : runBatch(admit(batch, state, results))) {
          listener.accept(result);
          results.add(result);
          if (result instanceof StepResult.Failed f) {
            state.blame(f.step()).forEach(state::failed);
            if (f.step() instanceof Step.ApplyNode a && a.restart()) {
              state.restartFailed(a);
            }
          }
        }
      }
    }
    return results;
  }

  /** The steps that may run now; the others are recorded as skipped, with why (the listener hears only steps that ran). */
  private static List<Step> admit(List<Step> steps, RolloutState state, List<StepResult> results) {
    List<Step> admitted = new ArrayList<>();
    for (Step step : steps) {
      Optional<StepResult.Skipped> skip = state.skip(step);
      if (skip.isPresent()) {
        results.add(skip.get());
      } else {
        admitted.add(step);
      }
    }
    return admitted;
  }

  private List<StepResult> runBatch(List<Step> batch) throws InterruptedException {
    if (batch.size() <= 1) {
      return batch.isEmpty() ? List.of() : List.of(runner.run(batch.get(0)));
    }
    List<Future<StepResult>> futures = new ArrayList<>();
    batch.forEach(step -> futures.add(pool.submit(() -> runner.run(step))));
    List<StepResult> results = new ArrayList<>();
    for (Future<StepResult> f : futures) {
      try {
        results.add(f.get());
      } catch (ExecutionException e) {
        throw new IllegalStateException("step runner crashed", e.getCause());
      }
    }
    return results;
  }
}
