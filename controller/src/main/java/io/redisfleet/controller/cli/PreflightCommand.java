package io.redisfleet.controller.cli;

import io.redisfleet.controller.agentclient.AgentCallException;
import io.redisfleet.controller.app.Session;
import io.redisfleet.controller.preflight.Preflight;
import io.redisfleet.controller.preflight.PreflightReport;
import io.redisfleet.controller.report.Json;
import io.redisfleet.controller.report.Text;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "preflight", mixinStandardHelpOptions = true,
    description = {"Check every host before a deployment: vm.overcommit_memory, transparent huge pages,"
        + " net.core.somaxconn against tcp-backlog, the open-file limit, free disk for the data directory,"
        + " redis-server and its version, and from every host that each node's port and bus port"
        + " (port + 10000) can be reached. Each finding comes with its fix. apply runs it too.",
        "Changes nothing: the kernel settings ship in the redis-fleet-agent package (--fix-sysctl says where)."},
    footer = {"", "Examples:",
        "  controller preflight fleet.conf",
        "  # where the kernel settings ship and how to apply them, per host",
        "  controller preflight fleet.conf --fix-sysctl",
        "  controller preflight fleet.conf --json",
        "", "Exit: 0 no errors (warnings allowed), 1 errors found or a host did not answer."})
final class PreflightCommand extends SessionCommand {

  @Option(names = "--json", description = "print one JSON object (docs/json.md)")
  boolean json;

  // Kept (the CLI contract): it no longer writes kernel settings, the hardened agent unit cannot.
  @Option(names = "--fix-sysctl", description = "on the hosts whose kernel settings are not in effect, say"
      + " where they ship (the agent package's sysctl.d and tmpfiles.d files) and how to apply them;"
      + " changes nothing")
  boolean fixSysctl;

  // Kept (the CLI contract) though preflight no longer takes the fleet lock: it changes nothing.
  @Mixin
  LockOptions lock;

  @Override
  Optional<LockOptions> lockOptions() {
    return Optional.empty();
  }

  @Override
  boolean json() {
    return json;
  }

  @Override
  int run(Session session) throws InterruptedException, AgentCallException {
    Preflight preflight = session.preflight();
    PreflightReport report = preflight.run();
    if (fixSysctl) {
      report = report.withKernelSettings(Preflight.kernelSettings(report));
    }
    out().print(json ? Json.preflight(report) + "\n" : Text.preflight(report));
    io.redisfleet.controller.pki.ExpiryWarnings.of(session.inventory(),
        io.redisfleet.controller.tls.AgentCertificates.seen(), java.time.Clock.systemUTC())
        .forEach(w -> err().println("warning: " + w));
    return report.errors() == 0 ? ExitCodes.OK : ExitCodes.FAILED;
  }
}
