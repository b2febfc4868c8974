package io.redisfleet.controller.cli;

import java.util.Optional;
import picocli.CommandLine.Mixin;

/**
 * A command that changes the fleet (destroy, restart): it takes the fleet lock for its whole run
 * ({@link LockOptions}), and a refusal before anything changed is printed the same way by each.
 */
abstract class LockedCommand extends SessionCommand {

  @Mixin
  LockOptions lock;

  @Override
  final Optional<LockOptions> lockOptions() {
    return Optional.of(lock);
  }

  /** Nothing was changed and nothing will be: says why on stderr (and as the JSON error under --json). */
  final int refuse(String why) {
    err().println(why);
    if (json()) {
      out().println(io.redisfleet.controller.report.Json.error(why, false));
    }
    return ExitCodes.FAILED;
  }
}
