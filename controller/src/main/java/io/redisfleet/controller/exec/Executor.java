package io.redisfleet.controller.exec;

import io.redisfleet.controller.plan.Step;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * Runs a plan's steps in order. Consecutive parallel steps of one kind (starting six nodes,
 * meeting five) are independent and run at once on the pool; restarts and waits run alone and
 * act as barriers. After a failure, the remaining steps are skipped: later steps build on earlier
 * ones, and the next apply resumes from whatever was done.
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

  public List<StepResult> execute(List<Step> steps) throws InterruptedException {
    List<StepResult> results = new ArrayList<>();
    int i = 0;
    boolean failed = false;
    while (i < steps.size()) {
      List<Step> batch = batchFrom(steps, i);
      i += batch.size();
      if (failed) {
        batch.forEach(s -> results.add(new StepResult.Skipped(s)));
        continue;
      }
      for (StepResult result : runBatch(batch)) {
        listener.accept(result);
        results.add(result);
        failed |= result instanceof StepResult.Failed;
      }
    }
    return results;
  }

  private static List<Step> batchFrom(List<Step> steps, int from) {
    Step first = steps.get(from);
    int end = from + 1;
    while (first.parallel() && end < steps.size() && steps.get(end).kind().equals(first.kind())
        && steps.get(end).parallel()) {
      end++;
    }
    return steps.subList(from, end);
  }

  private List<StepResult> runBatch(List<Step> batch) throws InterruptedException {
    if (batch.size() == 1) {
      return List.of(runner.run(batch.get(0)));
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
