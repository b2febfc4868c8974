package io.redisfleet.controller.cli;

import io.redisfleet.controller.app.Session;
import io.redisfleet.controller.exec.StepResult;
import io.redisfleet.controller.plan.Plan;
import io.redisfleet.controller.plan.Planner;
import io.redisfleet.controller.report.Json;
import io.redisfleet.controller.report.Text;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "destroy", mixinStandardHelpOptions = true,
    description = "Stop and remove the inventory's nodes (confs and data). Nodes holding keys are"
        + " refused unless --force. Holds the fleet lock while it runs.",
    footer = {"", "Examples:",
        "  controller destroy inventory/local.conf",
        "  controller destroy inventory/local.conf --force --json",
        "", "Exit: 0 done, 1 refused, failed or locked."})
final class DestroyCommand extends LockedCommand {

  @Option(names = "--force", description = "also remove nodes that hold keys (their data is lost)")
  boolean force;

  @Option(names = "--json", description = "print one JSON object (docs/json.md)")
  boolean json;

  @Override
  int run(Session session) throws InterruptedException {
    Plan plan = Planner.destroy(session.inventory(), session.observe(false), force);
    if (!plan.problems().isEmpty()) {
      out().print(json ? Json.destroy(List.of(), plan.problems(), false) + "\n"
          : Text.plan(plan) + "nothing was removed\n");
      return ExitCodes.FAILED;
    }
    List<StepResult> results = session.execute(plan, r -> {
      if (!json) {
        out().println(Text.result(r));
      }
    });
    boolean ok = results.stream().allMatch(StepResult.Done.class::isInstance);
    if (json) {
      out().println(Json.destroy(results, plan.problems(), ok));
    } else if (plan.steps().isEmpty()) {
      out().println("nothing to remove");
    }
    return ok ? ExitCodes.OK : ExitCodes.FAILED;
  }
}
