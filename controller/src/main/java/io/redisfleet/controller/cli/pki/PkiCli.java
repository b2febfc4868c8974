package io.redisfleet.controller.cli.pki;

import io.redisfleet.controller.pki.PkiException;
import java.time.Duration;
import picocli.CommandLine.Model.CommandSpec;

/** The one place the pki commands map outcomes to exit codes: 0 done, 1 with one line on stderr. */
final class PkiCli {

  /** A pki action that reports one line on success. */
  interface Action {
    String run() throws PkiException;
  }

  private PkiCli() {}

  static int run(CommandSpec spec, Action action) {
    try {
      spec.commandLine().getOut().println(action.run());
      return 0;
    } catch (PkiException | IllegalArgumentException e) {
      spec.commandLine().getErr().println(spec.qualifiedName() + ": " + e.getMessage());
      return 1;
    }
  }

  static Duration days(long days) {
    if (days <= 0) {
      throw new IllegalArgumentException("--days must be positive, got " + days);
    }
    return Duration.ofDays(days);
  }
}
