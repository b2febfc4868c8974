package io.redisfleet.controller.cli;

import io.redisfleet.controller.cli.pki.PkiCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code controller}: the command line. Commands only parse, call the core and map exit codes. */
@Command(name = "controller", mixinStandardHelpOptions = true, version = "redis-fleet 0.1.0",
    description = "Deploys Redis clusters and replica pairs from a HOCON inventory.",
    subcommands = {ValidateCommand.class, PlanCommand.class, ApplyCommand.class, StatusCommand.class,
        VerifyCommand.class, DestroyCommand.class, PreflightCommand.class, RestartCommand.class, PkiCommand.class,
        CompletionCommand.class, CommandLine.HelpCommand.class},
    footer = {"", "Examples:",
        "  controller validate inventory/local.conf",
        "  controller preflight fleet.conf",
        "  controller plan fleet.conf",
        "  controller apply fleet.conf --batch 2 --max-fail 10%%",
        "  controller status fleet.conf --json",
        "",
        "Exit codes:",
        "  0  ok: valid, converged, healthy, nothing to do",
        "  1  invalid, failed, unhealthy, refused, locked, preflight errors",
        "  2  plan: changes pending",
        "  64 usage: unknown option, missing argument, no command",
        "",
        "apply and destroy hold the fleet lock.",
        "JSON output (--json) is documented in docs/json.md."})
public final class Main implements java.util.concurrent.Callable<Integer> {

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    io.redisfleet.contract.NettyJfrEvents.offUnlessAsked();
    System.exit(commandLine().execute(args));
  }

  public static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new Main());
    cl.setExecutionExceptionHandler((e, line, parsed) ->
        FailureReport.print(line, e, FailureReport.jsonRequested(parsed.originalArgs().toArray(String[]::new))));
    cl.setParameterExceptionHandler((e, args) -> { // picocli's default (2) means "changes pending" here
      int code = FailureReport.print(e.getCommandLine(), e, FailureReport.jsonRequested(args));
      e.getCommandLine().usage(e.getCommandLine().getErr());
      return code;
    });
    return cl;
  }

  /** No command: the usage on stderr and EX_USAGE, as for any other incomplete command line. */
  @Override
  public Integer call() {
    spec.commandLine().getErr().println("error: no command given");
    spec.commandLine().usage(spec.commandLine().getErr());
    return ExitCodes.USAGE;
  }
}
