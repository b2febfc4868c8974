package io.redisfleet.controller.cli;

import io.redisfleet.controller.app.Session;
import io.redisfleet.controller.exec.StepResult;
import io.redisfleet.controller.plan.Plan;
import io.redisfleet.controller.plan.Planner;
import io.redisfleet.controller.report.Text;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "destroy", mixinStandardHelpOptions = true,
    description = "Stop and remove the inventory's nodes (confs and data). Nodes holding keys are"
        + " refused unless --force.",
    footer = {"", "Example: controller destroy inventory/local.conf --force", "Exit: 0 done, 1 refused or failed."})
final class DestroyCommand extends SessionCommand {

  @Option(names = "--force", description = "also remove nodes that hold keys (their data is lost)")
  boolean force;

  @Override
  int run(Session session) throws InterruptedException {
    Plan plan = Planner.destroy(session.inventory(), session.observe(false), force);
    if (!plan.problems().isEmpty()) {
      out().print(Text.plan(plan));
      out().println("nothing was removed");
      return ExitCodes.FAILED;
    }
    List<StepResult> results = session.execute(plan, r -> out().println(Text.result(r)));
    if (plan.steps().isEmpty()) {
      out().println("nothing to remove");
    }
    return results.stream().allMatch(StepResult.Done.class::isInstance) ? ExitCodes.OK : ExitCodes.FAILED;
  }
}
