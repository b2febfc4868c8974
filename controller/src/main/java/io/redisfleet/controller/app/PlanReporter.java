package io.redisfleet.controller.app;

import io.redisfleet.controller.agentclient.AgentCallException;
import io.redisfleet.controller.agentclient.AgentClient;
import io.redisfleet.controller.model.PlanReport;
import io.redisfleet.controller.plan.Plan;
import io.redisfleet.controller.plan.Step;
import io.redisfleet.controller.plan.StepHosts;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Tells every agent the plan reached how many of its steps touch that host's nodes, so each
 * agent's metrics carry fleet drift as the controller last saw it. Best effort by design: a
 * report is one call with a short deadline, all hosts at once, and its failure (an older agent
 * without ReportPlan, a host that went away since) is ignored: it never fails or slows a run.
 */
final class PlanReporter {

  /** The longest a run waits for all reports together. */
  static final long MAX_WAIT_MS = 3_000;

  private PlanReporter() {}

  static void report(Map<String, AgentClient> clients, Plan plan, String command, ExecutorService pool)
      throws InterruptedException {
    List<Future<?>> sent = new ArrayList<>();
    for (AgentClient client : clients.values()) {
      if (plan.unreachableHosts().contains(client.host())) {
        continue;
      }
      PlanReport report = new PlanReport(command, pending(plan.steps(), client.host()), plan.incomplete(),
          plan.problems().size());
      sent.add(pool.submit(() -> {
        try {
          client.reportPlan(report);
        } catch (AgentCallException e) {
          // best effort: the metric's timestamp goes stale, which its own alert catches
        }
      }));
    }
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(MAX_WAIT_MS);
    for (Future<?> f : sent) {
      try {
        f.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      } catch (TimeoutException | java.util.concurrent.ExecutionException e) {
        f.cancel(true);
      }
    }
  }

  static int pending(List<Step> steps, String host) {
    return (int) steps.stream().filter(s -> StepHosts.hosts(s).contains(host)).count();
  }
}
