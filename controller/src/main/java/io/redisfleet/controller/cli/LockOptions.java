package io.redisfleet.controller.cli;

import picocli.CommandLine.Option;

/** The fleet lock options of the commands that change the fleet. */
public final class LockOptions {

  @Option(names = "--break-lock", description = "take the fleet lock even if another run holds it (that run"
      + " may still be changing the fleet: use only when you know it is dead)")
  boolean breakLock;

  @Option(names = "--lock-ttl", paramLabel = "SECONDS", defaultValue = "60",
      description = "lease time to live, renewed every third of it while the run lasts; a crashed"
          + " controller's lock frees itself after this long (default ${DEFAULT-VALUE})")
  int ttlSeconds;
}
