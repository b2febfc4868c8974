package io.redisfleet.controller.cli.pki;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code controller pki issue}: groups the two kinds of certificate. */
@Command(name = "issue", mixinStandardHelpOptions = true,
    description = "Issue an agent or controller certificate signed by the fleet CA.",
    subcommands = {IssueAgentCommand.class, IssueControllerCommand.class, IssueRedisCommand.class})
public final class PkiIssueCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return 1;
  }
}
