package io.redisfleet.controller.cli;

import io.redisfleet.controller.app.Session;
import io.redisfleet.controller.model.Inventory;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** A command that loads the inventory and talks to the agents; subclasses do the rest. */
abstract class SessionCommand implements Callable<Integer> {

  @Mixin
  InventoryOption inventory;

  @Spec
  CommandSpec spec;

  @Override
  public final Integer call() throws Exception {
    Inventory loaded = inventory.loadOrReport(err());
    if (loaded == null) {
      return ExitCodes.FAILED;
    }
    try (Session session = Session.open(loaded)) {
      return run(session);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      err().println("interrupted");
      return ExitCodes.FAILED;
    } finally {
      out().flush();
      err().flush();
    }
  }

  abstract int run(Session session) throws Exception;

  PrintWriter out() {
    return spec.commandLine().getOut();
  }

  PrintWriter err() {
    return spec.commandLine().getErr();
  }
}
