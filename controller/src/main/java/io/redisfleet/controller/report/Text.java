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
    if (plan.steps().isEmpty() && plan.deferred().isEmpty()) {
      b.append("nothing to do: the fleet matches the inventory\n");
    }
    for (int i = 0; i < plan.steps().size(); i++) {
      b.append(String.format("%3d. %s%n", i + 1, plan.steps().get(i).describe()));
    }
    plan.deferred().forEach(d -> b.append("  then: ").append(d).append('\n'));
    problems(b, plan.problems());
    return b.toString();
  }

  public static String result(StepResult r) {
    String status = r instanceof StepResult.Done d ? (d.changed() ? "changed" : "ok")
        : r instanceof StepResult.Failed ? "FAILED" : "skipped";
    String detail = r instanceof StepResult.Done d ? d.detail()
        : r instanceof StepResult.Failed f ? f.message() : "";
    return String.format("%s %-8s %s — %s (%d ms)", LocalTime.now().format(TIME), status,
        r.step().describe(), detail, r.took().toMillis());
  }

  public static String recap(Recap recap, List<Problem> problems) {
    StringBuilder b = new StringBuilder("\nRECAP\n");
    recap.hosts().forEach((host, h) -> b.append(String.format("%-20s ok=%-3d changed=%-3d failed=%-3d%s%n",
        host, h.ok(), h.changed(), h.failed(), h.unreachable() ? " UNREACHABLE" : "")));
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

  private static void problems(StringBuilder b, List<Problem> problems) {
    if (!problems.isEmpty()) {
      b.append("problems:\n");
      problems.forEach(p -> b.append("  - ").append(p).append('\n'));
    }
  }
}
