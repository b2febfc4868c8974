package io.redisfleet.controller.cli;

import io.redisfleet.controller.app.Session;
import io.redisfleet.controller.report.Json;
import io.redisfleet.controller.verify.Verifier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "verify", mixinStandardHelpOptions = true,
    description = "The tutorial's data check: write through every shard, read back from masters and"
        + " replicas, then remove the keys.",
    footer = {"", "Examples:",
        "  controller verify inventory/local.conf",
        "  controller verify fleet.conf --json",
        "", "Exit: 0 ok, 1 not."})
final class VerifyCommand extends SessionCommand {

  @Option(names = "--json", description = "print one JSON object (docs/json.md)")
  boolean json;

  @Override
  boolean json() {
    return json;
  }

  @Override
  int run(Session session) throws InterruptedException {
    Verifier.Report report = new Verifier(session.inventory(), session.runId()).verify(session.observe(false));
    if (json) {
      out().println(Json.verify(report.ok(), report.lines()));
    } else {
      report.lines().forEach(out()::println);
      out().println(report.ok() ? "verify: ok" : "verify: FAILED");
    }
    return report.ok() ? ExitCodes.OK : ExitCodes.FAILED;
  }
}
