package io.redisfleet.controller.cli.pki;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code controller pki}: the fleet CA and the certificates for mutual TLS with the agents. */
@Command(name = "pki", mixinStandardHelpOptions = true,
    description = "Create the fleet CA and issue agent and controller certificates.",
    subcommands = {PkiInitCommand.class, PkiIssueCommand.class})
public final class PkiCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return 1;
  }
}
