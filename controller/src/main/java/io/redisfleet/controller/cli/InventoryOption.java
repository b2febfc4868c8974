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

  @picocli.CommandLine.Option(names = "--strict",
      description = "treat topology warnings (a cluster that cannot survive losing one host, rack or zone) as errors")
  boolean strict;

  /**
   * Loads the inventory, or prints every error and returns null. Topology findings are printed
   * as warnings, or, with --strict, as errors that stop the command before any agent is asked.
   */
  Inventory loadOrReport(PrintWriter err) {
    return loadOrReport(err, io.redisfleet.controller.pki.CertificateCustody.READ_ONLY);
  }

  /** As {@link #loadOrReport(PrintWriter)}; only apply issues Redis certificates (custody ISSUE). */
  Inventory loadOrReport(PrintWriter err, io.redisfleet.controller.pki.CertificateCustody custody) {
    try {
      java.util.List<io.redisfleet.controller.inventory.InventoryError> warnings = new java.util.ArrayList<>();
      Inventory inventory = InventoryLoader.load(file, System.getenv(), custody, warnings);
      warnings.forEach(w -> err.println(w.file() + ":" + w.line() + (strict ? ": error: " : ": warning: ") + w.message()));
      if (strict && !warnings.isEmpty()) {
        err.println(warnings.size() + " warning(s) in " + file + " are errors with --strict; nothing was changed");
        err.flush();
        return null;
      }
      java.util.List<io.redisfleet.controller.plan.TopologyAnalysis.Finding> findings =
          io.redisfleet.controller.plan.TopologyAnalysis.analyze(inventory);
      findings.forEach(f -> err.println(file + ": " + (strict ? "error: " : "warning: ") + f));
      if (strict && !findings.isEmpty()) {
        err.println(findings.size() + " topology error(s) in " + file + " (--strict); nothing was changed");
        err.flush();
        return null;
      }
      err.flush();
      return inventory;
    } catch (InvalidInventoryException e) {
      e.errors().forEach(x -> err.println(x));
      err.println(e.errors().size() + " error(s) in " + file + "; nothing was changed");
      err.flush();
      return null;
    }
  }
}
