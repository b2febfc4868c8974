package io.redisfleet.controller.cli.pki;

import io.redisfleet.controller.pki.FleetPki;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code controller pki init --dir DIR}: writes DIR/ca.crt and DIR/ca.key. */
@Command(name = "init", mixinStandardHelpOptions = true,
    description = "Create the fleet CA (DIR/ca.crt, DIR/ca.key).")
public final class PkiInitCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Option(names = "--dir", required = true, paramLabel = "DIR", description = "PKI directory.")
  Path dir;

  @Option(names = "--days", paramLabel = "N", defaultValue = "3650",
      description = "Validity of the CA in days (default: ${DEFAULT-VALUE}).")
  long days;

  @Option(names = "--force", description = "Replace an existing CA (every issued certificate stops working).")
  boolean force;

  @Override
  public Integer call() {
    return PkiCli.run(spec, () -> {
      new FleetPki(dir).init(PkiCli.days(days), force);
      return "created CA in " + dir.toAbsolutePath().normalize();
    });
  }
}
