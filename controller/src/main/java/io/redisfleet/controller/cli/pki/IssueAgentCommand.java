package io.redisfleet.controller.cli.pki;

import io.redisfleet.controller.pki.FleetPki;
import io.redisfleet.controller.pki.TlsBundle;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code controller pki issue agent --dir DIR --name h1 --san 10.0.0.1 [--out OUT]}: writes the
 * bundle (ca.crt, agent.crt, agent.key) a provisioning system copies to /etc/redis-fleet/tls/.
 */
@Command(name = "agent", mixinStandardHelpOptions = true,
    description = "Issue an agent certificate bundle (ca.crt, agent.crt, agent.key).")
public final class IssueAgentCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Option(names = "--dir", required = true, paramLabel = "DIR", description = "PKI directory holding the CA.")
  Path dir;

  @Option(names = "--name", required = true, paramLabel = "HOST", description = "Inventory host name (certificate CN).")
  String name;

  @Option(names = "--san", required = true, paramLabel = "ADDRESS",
      description = "Address or DNS name the controller dials (repeatable); IPs become iPAddress SANs.")
  List<String> sans;

  @Option(names = "--out", paramLabel = "OUT", description = "Bundle directory (default: DIR/agents/HOST/).")
  Path out;

  @Option(names = "--days", paramLabel = "N", defaultValue = "825",
      description = "Validity in days (default: ${DEFAULT-VALUE}).")
  long days;

  @Override
  public Integer call() {
    return PkiCli.run(spec, () -> {
      TlsBundle bundle = new FleetPki(dir).issueAgent(name, sans, Optional.ofNullable(out), PkiCli.days(days));
      return "issued agent certificate for " + name + " (" + String.join(", ", sans) + ") in " + bundle.dir();
    });
  }
}
