package io.redisfleet.controller.cli;

import io.redisfleet.controller.app.Session;
import io.redisfleet.controller.lock.FleetLock;
import io.redisfleet.controller.lock.FleetLockedException;
import io.redisfleet.controller.model.Inventory;
import io.redisfleet.controller.report.Json;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * A command that loads the inventory and talks to the agents; subclasses do the rest. Commands
 * that change the fleet name their {@link LockOptions} and run under the fleet lock; read-only
 * ones never take it.
 */
abstract class SessionCommand implements Callable<Integer> {

  @Mixin
  InventoryOption inventory;

  @Spec
  CommandSpec spec;

  @Override
  public final Integer call() throws Exception {
    Inventory loaded = inventory.load(err(), custody());
    checkOptions(loaded);
    try (Session session = open(loaded)) {
      Optional<LockOptions> lock = lockOptions();
      if (lock.isEmpty()) {
        return run(session);
      }
      try (FleetLock held = session.lock(Duration.ofSeconds(lock.get().ttlSeconds), lock.get().breakLock,
          w -> err().println(w))) {
        return run(session);
      }
    } catch (FleetLockedException e) {
      err().println("error: " + e.getMessage());
      if (json()) {
        out().println(Json.error(e.getMessage(), true));
      }
      return ExitCodes.FAILED;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw e; // Main's handler reports it (as JSON too under --json)
    } finally {
      out().flush();
      err().flush();
    }
  }

  abstract int run(Session session) throws Exception;

  /** Read-only by default: only apply may issue Redis certificates (and so read the CA key). */
  io.redisfleet.controller.pki.CertificateCustody custody() {
    return io.redisfleet.controller.pki.CertificateCustody.READ_ONLY;
  }

  /** The agents' channels; a TLS bundle that cannot be loaded is a failure of its own kind. */
  private static Session open(Inventory loaded) throws CommandFailure {
    try {
      return Session.open(loaded);
    } catch (java.io.IOException e) {
      throw new CommandFailure(FailureReport.classify(e), false, e);
    }
  }

  /**
   * Options that need the inventory to be judged (a --limit host name): checked before any agent
   * is contacted or the lock taken, so a usage error changes nothing and waits for nothing.
   */
  void checkOptions(Inventory loaded) {}

  /** The lock options when this invocation changes the fleet; empty for a read-only one. */
  Optional<LockOptions> lockOptions() {
    return Optional.empty();
  }

  /** Whether --json was asked for (errors are then also printed as one JSON object). */
  boolean json() {
    return spec.optionsMap().containsKey("--json") && spec.commandLine().getParseResult().hasMatchedOption("--json");
  }

  PrintWriter out() {
    return spec.commandLine().getOut();
  }

  PrintWriter err() {
    return spec.commandLine().getErr();
  }
}
