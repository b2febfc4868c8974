package io.redisfleet.agent.metrics;

import io.redisfleet.agent.node.NodeDrift;
import java.util.List;
import java.util.Optional;

/**
 * Drift on the metrics endpoint, in two kinds. The agent's own, per managed node: one sample per
 * reason, 0 or 1, so a rule can alert on any reason and a dashboard can tell "no drift" from "not
 * measured". The fleet's, as the controller's last plan reported it for this host (ReportPlan):
 * pending steps, whether the plan was incomplete, and when it was reported; absent until the
 * first report, so "no report for long" is an alert of its own.
 */
final class DriftMetrics {

  private DriftMetrics() {}

  static void add(Exposition e, List<NodeDrift.Finding> drift, Optional<PlanReports.Last> plan) {
    for (NodeDrift.Finding f : drift) {
      for (NodeDrift.Reason reason : NodeDrift.Reason.values()) {
        e.gauge("redisfleet_node_drift", "1 if the node drifted for this reason: not_running (its conf is there, its"
            + " process is not), conf_edited (the conf changed since the last ApplyNode), running_config (a"
            + " live-settable directive runs with another value than the conf's).",
            f.reasons().contains(reason) ? 1 : 0, "port", Integer.toString(f.port()), "reason", reason.label());
      }
    }
    plan.ifPresent(p -> {
      e.gauge("redisfleet_plan_pending_steps", "Steps touching this host's nodes in the controller's last plan.",
          p.pendingSteps());
      e.gauge("redisfleet_plan_incomplete", "1 if the controller's last plan was incomplete (a host did not answer).",
          p.incomplete() ? 1 : 0);
      e.gauge("redisfleet_plan_problems", "Refusals and errors in the controller's last plan (fleet-wide).",
          p.problems());
      e.gauge("redisfleet_plan_reported_timestamp_seconds", "When the controller reported its last plan (Unix time).",
          p.at().getEpochSecond());
    });
  }
}
