package io.redisfleet.controller.cli;

import io.redisfleet.controller.app.Session;
import io.redisfleet.controller.model.Observation;
import io.redisfleet.controller.plan.Survivability;
import io.redisfleet.controller.report.Json;
import io.redisfleet.controller.report.StatusRow;
import io.redisfleet.controller.report.Text;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "status", mixinStandardHelpOptions = true,
    description = "One row per node: host, port, role, master, slots, keys, memory, state, link, health; then,"
        + " per cluster, whether its layout as it is now survives losing any one host, and why.",
    footer = {"", "Examples:",
        "  controller status inventory/local.conf",
        "  controller status fleet.conf --json",
        "", "Exit: 0 healthy, 1 not."})
final class StatusCommand extends SessionCommand {

  @Option(names = "--json", description = "print one JSON object (docs/json.md)")
  boolean json;

  @Override
  int run(Session session) throws InterruptedException {
    Observation observation = session.observe(false);
    List<StatusRow> rows = StatusRow.of(session.inventory(), observation);
    List<Survivability> survivability = Survivability.observed(session.inventory(), observation);
    out().print(json ? Json.status(rows, survivability) + "\n" : Text.status(rows) + Text.survivability(survivability));
    io.redisfleet.controller.pki.ExpiryWarnings.of(session.inventory(),
        io.redisfleet.controller.tls.AgentCertificates.seen(), java.time.Clock.systemUTC())
        .forEach(w -> err().println("warning: " + w));
    return rows.stream().allMatch(StatusRow::healthy) ? ExitCodes.OK : ExitCodes.FAILED;
  }
}
