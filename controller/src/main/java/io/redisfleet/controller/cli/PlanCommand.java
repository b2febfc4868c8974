package io.redisfleet.controller.cli;

import io.redisfleet.controller.app.Session;
import io.redisfleet.controller.plan.Plan;
import io.redisfleet.controller.plan.PlanOptions;
import io.redisfleet.controller.report.Json;
import io.redisfleet.controller.report.Text;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "plan", mixinStandardHelpOptions = true,
    description = "Show what apply would do; changes nothing.",
    footer = {"", "Examples:",
        "  controller plan inventory/local.conf",
        "  controller plan fleet.conf --json | jq '.steps[].description'",
        "", "Exit: 0 nothing to do, 2 changes pending, 1 error, refusal or incomplete (a host did not answer)."})
final class PlanCommand extends SessionCommand {

  @Option(names = "--json", description = "print one JSON object (docs/json.md)")
  boolean json;

  @Option(names = "--force", description = "plan as apply --force would run")
  boolean force;

  @Override
  int run(Session session) throws InterruptedException {
    Plan plan = session.plan(new PlanOptions(force));
    session.reportPlan(plan, "plan");
    out().print(json ? Json.plan(plan) + "\n" : Text.plan(plan));
    if (!plan.problems().isEmpty() || plan.incomplete()) {
      return ExitCodes.FAILED;
    }
    return plan.hasChanges() ? ExitCodes.CHANGES_PENDING : ExitCodes.OK;
  }
}
