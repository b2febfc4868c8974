package io.redisfleet.controller.cli.pki;

import io.redisfleet.controller.pki.FleetPki;
import io.redisfleet.controller.pki.TlsBundle;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code controller pki issue controller --dir DIR}: writes DIR/controller/{ca.crt,controller.crt,controller.key}. */
@Command(name = "controller", mixinStandardHelpOptions = true,
    description = "Issue the controller's client certificate bundle into DIR/controller/.")
public final class IssueControllerCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Option(names = "--dir", required = true, paramLabel = "DIR", description = "PKI directory holding the CA.")
  Path dir;

  @Option(names = "--name", defaultValue = "controller", paramLabel = "NAME",
      description = "Certificate CN (default: ${DEFAULT-VALUE}).")
  String name;

  @Option(names = "--days", paramLabel = "N", defaultValue = "825",
      description = "Validity in days (default: ${DEFAULT-VALUE}).")
  long days;

  @Override
  public Integer call() {
    return PkiCli.run(spec, () -> {
      TlsBundle bundle = new FleetPki(dir).issueController(name, PkiCli.days(days));
      return "issued controller certificate " + name + " in " + bundle.dir();
    });
  }
}
