package io.redisfleet.controller.cli;

import io.redisfleet.controller.app.Session;
import io.redisfleet.controller.exec.Reconciler;
import io.redisfleet.controller.report.Json;
import io.redisfleet.controller.report.Recap;
import io.redisfleet.controller.report.Text;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "apply", mixinStandardHelpOptions = true,
    description = "Converge the fleet to the inventory: write confs, start nodes, form clusters.",
    footer = {"", "Example: controller apply inventory/local.conf", "Exit: 0 converged, 1 failed."})
final class ApplyCommand extends SessionCommand {

  @Option(names = "--json", description = "print one JSON object instead of progress lines")
  boolean json;

  @Option(names = "--yes", description = "do not ask (apply never asks today; accepted for scripts)")
  boolean yes;

  @Override
  int run(Session session) throws InterruptedException {
    Reconciler.Outcome outcome = session.apply(
        plan -> {
          if (!json) {
            out().println("run " + session.runId() + ": " + plan.steps().size() + " step(s)");
            out().flush();
          }
        },
        result -> {
          if (!json) {
            out().println(Text.result(result));
            out().flush();
          }
        });
    Recap recap = Recap.of(session.inventory(), outcome.results(), outcome.lastObservation());
    boolean converged = !outcome.failed();
    out().print(json ? Json.apply(recap, outcome.results(), outcome.problems(), converged) + "\n"
        : Text.recap(recap, outcome.problems()));
    return converged ? ExitCodes.OK : ExitCodes.FAILED;
  }
}
