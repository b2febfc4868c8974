package io.redisfleet.controller.exec;

import io.redisfleet.controller.agentclient.AgentCallException;
import io.redisfleet.controller.agentclient.AgentClient;
import io.redisfleet.controller.plan.Step;
import java.time.Duration;

/** Runs one step against the agents. The agent re-checks state, so each call is idempotent. */
final class StepRunner {

  private final Fleet fleet;
  private final Waiter waiter;
  private final StepGuard guard;

  StepRunner(Fleet fleet) {
    this.fleet = fleet;
    this.waiter = new Waiter(fleet);
    this.guard = new StepGuard(fleet);
  }

  StepResult run(Step step) throws InterruptedException {
    long start = System.nanoTime();
    try {
      StepCalls.Outcome outcome = execute(step);
      return new StepResult.Done(step, outcome.changed(), outcome.detail(), since(start));
    } catch (AgentCallException | StepFailure e) {
      return new StepResult.Failed(step, step.kind() + " " + step.node() + ": " + e.getMessage(), since(start));
    }
  }

  private StepCalls.Outcome execute(Step step) throws AgentCallException, StepFailure, InterruptedException {
    guard.check(step);
    AgentClient agent = fleet.agent(step.node().host()).forStep(step.kind());
    return step.accept(new StepCalls(fleet, waiter, agent, step.node().port())).run();
  }

  private static Duration since(long start) {
    return Duration.ofNanos(System.nanoTime() - start);
  }
}
