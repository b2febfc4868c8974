package io.redisfleet.controller.cli;

import io.redisfleet.controller.app.Session;
import io.redisfleet.controller.verify.Verifier;
import picocli.CommandLine.Command;

@Command(name = "verify", mixinStandardHelpOptions = true,
    description = "The tutorial's data check: write through every shard, read back from masters and"
        + " replicas, then remove the keys.",
    footer = {"", "Example: controller verify inventory/local.conf", "Exit: 0 ok, 1 not."})
final class VerifyCommand extends SessionCommand {

  @Override
  int run(Session session) throws InterruptedException {
    Verifier.Report report = new Verifier(session.inventory(), session.runId()).verify(session.observe(false));
    report.lines().forEach(out()::println);
    out().println(report.ok() ? "verify: ok" : "verify: FAILED");
    return report.ok() ? ExitCodes.OK : ExitCodes.FAILED;
  }
}
