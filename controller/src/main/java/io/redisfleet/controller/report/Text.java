package io.redisfleet.controller.report;

import io.redisfleet.controller.exec.StepResult;
import io.redisfleet.controller.plan.Plan;
import io.redisfleet.controller.plan.Problem;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** Human renderings: the plan, one line per finished step, the recap, the status table. */
public final class Text {

  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

  private Text() {}

  public static String plan(Plan plan) {
    StringBuilder b = new StringBuilder();
    if (plan.incomplete()) {
      b.append("plan incomplete: host(s) ").append(String.join(", ", plan.unreachableHosts()))
          .append(" did not answer; only what is safe without them is planned, the rest is deferred\n");
    } else if (plan.steps().isEmpty() && plan.deferred().isEmpty()) {
      b.append("nothing to do: the fleet matches the inventory\n");
    }
    for (int i = 0; i < plan.steps().size(); i++) {
      b.append(String.format("%3d. %s%n", i + 1, plan.steps().get(i).describe()));
    }
    plan.deferred().forEach(d -> b.append("  then: ").append(d).append('\n'));
    plan.warnings().forEach(w -> b.append("warning: ").append(w).append('\n'));
    problems(b, plan.problems());
    return b.toString();
  }

  /** One finished step as a plain, timestamped line: "13:04:05 h1 changed  apply h1:7000 (new node) — started (12 ms)". */
  public static String result(StepResult r) {
    return result(r, LocalTime.now());
  }

  public static String result(StepResult r, LocalTime at) {
    return String.format("%s %s %-8s %s — %s (%d ms)", at.format(TIME), r.step().node().host(), status(r),
        r.step().describe(), detail(r), r.took().toMillis());
  }

  /** "changed", "ok", "FAILED" or "skipped". */
  public static String status(StepResult r) {
    return r instanceof StepResult.Done d ? (d.changed() ? "changed" : "ok")
        : r instanceof StepResult.Failed ? "FAILED" : "skipped";
  }

  public static String detail(StepResult r) {
    return r instanceof StepResult.Done d ? d.detail()
        : r instanceof StepResult.Failed f ? f.message() : ((StepResult.Skipped) r).why();
  }

  /** The Ansible-style recap: one line per host, then what was not attempted and why, then problems. */
  public static String recap(Recap recap, List<StepResult> results, List<Problem> problems) {
    StringBuilder b = new StringBuilder("\nRECAP ").append("*".repeat(60)).append('\n');
    recap.hosts().forEach((host, h) -> b.append(String.format(
        "%-20s : ok=%-4d changed=%-4d unreachable=%-2d failed=%-4d not-attempted=%d%n",
        host, h.ok(), h.changed(), h.unreachable() ? 1 : 0, h.failed(), h.notAttempted())));
    List<StepResult> skipped = results.stream().filter(StepResult.Skipped.class::isInstance).toList();
    if (!skipped.isEmpty()) {
      b.append("not attempted:\n");
      skipped.forEach(r -> b.append("  - ").append(r.step().describe()).append(" (").append(detail(r)).append(")\n"));
    }
    problems(b, problems);
    return b.toString();
  }

  public static String status(List<StatusRow> rows) {
    StringBuilder b = new StringBuilder(String.format("%-12s %-6s %-8s %-22s %6s %8s %10s %-6s %-5s %s%n",
        "HOST", "PORT", "ROLE", "MASTER", "SLOTS", "KEYS", "MEMORY", "STATE", "LINK", "HEALTH"));
    for (StatusRow r : rows) {
      b.append(String.format("%-12s %-6d %-8s %-22s %6d %8d %10s %-6s %-5s %s%n", r.host(), r.port(), r.role(),
          r.master().orElse("-"), r.slots(), r.keys(), r.usedMemory() / 1024 + "K",
          r.clusterState().orElse("-"), r.linkStatus().orElse("-"), r.health()));
    }
    return b.toString();
  }

  /** One line per cluster: does its layout, as observed now, survive losing any one host, and why. */
  public static String survivability(List<io.redisfleet.controller.plan.Survivability> clusters) {
    StringBuilder b = new StringBuilder();
    for (var s : clusters) {
      b.append("cluster ").append(s.cluster()).append(" survives losing any one host: ")
          .append(s.anyOneHost().map(yes -> yes ? "yes" : "no").orElse("unknown")).append(" — ").append(s.why())
          .append('\n');
    }
    return b.toString();
  }

  /** Preflight findings by host; ok checks are summarised, the others shown with their fix. */
  public static String preflight(io.redisfleet.controller.preflight.PreflightReport report) {
    StringBuilder b = new StringBuilder();
    var byHost = new java.util.TreeMap<String, List<io.redisfleet.controller.preflight.Finding>>();
    report.findings().forEach(f -> byHost.computeIfAbsent(f.host(), h -> new java.util.ArrayList<>()).add(f));
    byHost.forEach((host, findings) -> {
      long ok = findings.stream().filter(f -> "ok".equals(f.severity())).count();
      b.append(host).append(": ").append(ok).append(" of ").append(findings.size()).append(" checks ok\n");
      findings.stream().filter(f -> !"ok".equals(f.severity())).forEach(f -> b.append(String.format(
          "  %-7s %s: %s (needs %s)%n          fix: %s%n", f.severity().toUpperCase(java.util.Locale.ROOT),
          f.check(), f.observed(), f.expected(), f.fix())));
    });
    report.fixed().forEach((host, applied) -> b.append(host).append(": fixed ").append(applied).append('\n'));
    report.kernelSettings().forEach((host, hint) -> b.append(host).append(": kernel settings: ").append(hint).append('\n'));
    b.append(String.format("preflight: %d error(s), %d warning(s)%n", report.errors(), report.warnings()));
    return b.toString();
  }

  private static void problems(StringBuilder b, List<Problem> problems) {
    if (!problems.isEmpty()) {
      b.append("problems:\n");
      problems.forEach(p -> b.append("  - ").append(p).append('\n'));
    }
  }
}
