package io.redisfleet.agent.metrics;

import io.redisfleet.agent.v1.ReportPlanRequest;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The controller's last ReportPlan: fleet drift as the controller last saw it, for this host. In
 * memory only: after an agent restart the metrics show no report until the next plan or apply,
 * which the "no report" alert tells apart from "nothing pending".
 */
public final class PlanReports {

  /** One report and when the agent received it (the agent's clock, the one Prometheus compares with). */
  public record Last(Instant at, String command, int pendingSteps, boolean incomplete, int problems) {}

  private final AtomicReference<Last> last = new AtomicReference<>();

  public void record(Instant at, ReportPlanRequest report) {
    last.set(new Last(at, report.getCommand(), report.getPendingSteps(), report.getIncomplete(),
        report.getProblems()));
  }

  public Optional<Last> last() {
    return Optional.ofNullable(last.get());
  }
}
