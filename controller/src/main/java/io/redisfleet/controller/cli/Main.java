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
        "",
        "apply, destroy and preflight --fix-sysctl hold the fleet lock.",
        "JSON output (--json) is documented in docs/json.md."})
public final class Main implements Runnable {

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  public static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new Main());
    cl.setExecutionExceptionHandler((e, line, parsed) -> {
      line.getErr().println("error: " + e.getMessage());
      return ExitCodes.FAILED;
    });
    cl.setParameterExceptionHandler((e, args) -> { // picocli's default (2) means "changes pending" here
      e.getCommandLine().getErr().println("error: " + e.getMessage());
      e.getCommandLine().usage(e.getCommandLine().getErr());
      return ExitCodes.FAILED;
    });
    return cl;
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
