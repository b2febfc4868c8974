package io.redisfleet.controller.cli;

import io.redisfleet.controller.inventory.InvalidInventoryException;
import io.redisfleet.controller.inventory.InventoryLoader;
import io.redisfleet.controller.model.Inventory;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine.Parameters;

/** The inventory file every command takes, and its loading with FILE:LINE errors. */
public final class InventoryOption {

  @Parameters(index = "0", paramLabel = "FILE", description = "the inventory (HOCON)")
  Path file;

  /** Loads the inventory, or prints every error and returns null. */
  Inventory loadOrReport(PrintWriter err) {
    try {
      return InventoryLoader.load(file);
    } catch (InvalidInventoryException e) {
      e.errors().forEach(x -> err.println(x));
      err.println(e.errors().size() + " error(s) in " + file + "; nothing was changed");
      err.flush();
      return null;
    }
  }
}
