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
        "Changes nothing unless --fix-sysctl (which takes the fleet lock)."},
    footer = {"", "Examples:",
        "  controller preflight fleet.conf",
        "  # set the sysctls live and persist them in /etc/sysctl.d",
        "  controller preflight fleet.conf --fix-sysctl",
        "  controller preflight fleet.conf --json",
        "", "Exit: 0 no errors (warnings allowed), 1 errors found or a host did not answer."})
final class PreflightCommand extends SessionCommand {

  @Option(names = "--json", description = "print one JSON object (docs/json.md)")
  boolean json;

  @Option(names = "--fix-sysctl", description = "apply the sysctl fixes (vm.overcommit_memory, net.core.somaxconn)"
      + " live and persistently in /etc/sysctl.d/90-redis-fleet.conf on the hosts that need them")
  boolean fixSysctl;

  @Mixin
  LockOptions lock;

  @Override
  Optional<LockOptions> lockOptions() {
    return fixSysctl ? Optional.of(lock) : Optional.empty();
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
      var fixed = preflight.fixSysctl(report);
      report = preflight.run().withFixed(fixed);
    }
    out().print(json ? Json.preflight(report) + "\n" : Text.preflight(report));
    io.redisfleet.controller.pki.ExpiryWarnings.of(session.inventory(),
        io.redisfleet.controller.tls.AgentCertificates.seen(), java.time.Clock.systemUTC())
        .forEach(w -> err().println("warning: " + w));
    return report.errors() == 0 ? ExitCodes.OK : ExitCodes.FAILED;
  }
}
