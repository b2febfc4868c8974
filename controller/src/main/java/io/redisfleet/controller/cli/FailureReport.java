package io.redisfleet.controller.cli;

import io.redisfleet.controller.inventory.InvalidInventoryException;
import io.redisfleet.controller.report.Failure;
import io.redisfleet.controller.report.Failure.Kind;
import io.redisfleet.controller.report.Json;
import io.redisfleet.controller.tls.AgentChannelException;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Arrays;
import picocli.CommandLine;

/**
 * Every way a command can stop before its own document ends here: one line on stderr and, when
 * {@code --json} was given, exactly one JSON object on stdout, so a script always has something
 * to parse (docs/json.md, "A command that could not run").
 */
final class FailureReport {

  private FailureReport() {}

  /**
   * Whether the command line asked for JSON. Read from the raw arguments: a line that does not
   * parse has no parse result to ask, and its caller still expects JSON.
   */
  static boolean jsonRequested(String[] args) {
    return Arrays.asList(args).contains("--json");
  }

  /** Prints the failure and returns its exit code. */
  static int print(CommandLine line, Failure failure, boolean told, boolean json) {
    if (!told) {
      line.getErr().println("error: " + failure.message());
    }
    line.getErr().flush();
    if (json) {
      line.getOut().println(Json.failure(failure));
      line.getOut().flush();
    }
    return failure.kind() == Kind.USAGE ? ExitCodes.USAGE : ExitCodes.FAILED;
  }

  static int print(CommandLine line, Throwable thrown, boolean json) {
    if (thrown instanceof CommandFailure f) {
      return print(line, f.failure(), f.told(), json);
    }
    return print(line, classify(thrown), false, json);
  }

  /** The kind of an exception no command turned into a failure itself. */
  static Failure classify(Throwable thrown) {
    if (thrown instanceof InvalidInventoryException e) {
      return Failure.inventory(e.errors().get(0).file(), e.errors());
    }
    if (thrown instanceof CommandLine.ParameterException e) {
      return Failure.of(Kind.USAGE, e.getMessage());
    }
    if (thrown instanceof InterruptedException) {
      return Failure.of(Kind.INTERRUPTED, "interrupted");
    }
    if (thrown instanceof IOException && thrown.getCause() instanceof AgentChannelException) {
      return Failure.of(Kind.TLS, thrown.getMessage());
    }
    if (thrown instanceof IOException) {
      return Failure.of(Kind.SETUP, thrown.getMessage());
    }
    return Failure.of(Kind.INTERNAL, thrown.getClass().getSimpleName() + ": " + thrown.getMessage());
  }
}
