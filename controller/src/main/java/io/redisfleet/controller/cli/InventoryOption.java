package io.redisfleet.controller.cli;

import io.redisfleet.controller.inventory.InvalidInventoryException;
import io.redisfleet.controller.inventory.InventoryError;
import io.redisfleet.controller.inventory.InventoryLoader;
import io.redisfleet.controller.inventory.InventoryRead;
import io.redisfleet.controller.app.IssuingLoader;
import io.redisfleet.controller.model.Inventory;
import io.redisfleet.controller.pki.CertificateCustody;
import io.redisfleet.controller.plan.TopologyAnalysis;
import io.redisfleet.controller.report.Failure;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The inventory file every command takes, and its loading with FILE:LINE errors. */
public final class InventoryOption {

  @Parameters(index = "0", paramLabel = "FILE", description = "the inventory (HOCON)")
  Path file;

  @Option(names = "--strict",
      description = "treat topology warnings (a cluster that cannot survive losing one host, rack or zone) as errors")
  boolean strict;

  /**
   * Loads the inventory, or prints every error and returns null. Topology findings are printed
   * as warnings, or, with --strict, as errors that stop the command before any agent is asked.
   */
  Inventory loadOrReport(PrintWriter err) {
    try {
      return load(err, CertificateCustody.READ_ONLY);
    } catch (CommandFailure e) {
      return null;
    }
  }

  /**
   * As {@link #loadOrReport}, but a failure is thrown (its lines already on {@code err}) for the JSON
   * error document; only apply issues Redis certificates (custody ISSUE).
   */
  Inventory load(PrintWriter err, CertificateCustody custody) throws CommandFailure {
    try {
      Checked checked = check(custody);
      Inventory inventory = checked.inventory();
      List<InventoryError> warnings = checked.warnings();
      warnings.forEach(w -> err.println(w.file() + ":" + w.line() + (strict ? ": error: " : ": warning: ") + w.message()));
      if (strict && !warnings.isEmpty()) {
        String summary = warnings.size() + " warning(s) in " + file + " are errors with --strict; nothing was changed";
        err.println(summary);
        err.flush();
        throw new CommandFailure(Failure.inventory(file.toString(), warnings), true, null);
      }
      List<TopologyAnalysis.Finding> findings = checked.findings();
      findings.forEach(f -> err.println(file + ": " + (strict ? "error: " : "warning: ") + f));
      if (strict && !findings.isEmpty()) {
        String summary = findings.size() + " topology error(s) in " + file + " (--strict); nothing was changed";
        err.println(summary);
        err.flush();
        throw new CommandFailure(new Failure(Failure.Kind.TOPOLOGY, findings.get(0) + " (" + summary + ")",
            Optional.of(file.toString()), 0, List.of()), true, null);
      }
      err.flush();
      return inventory;
    } catch (InvalidInventoryException e) {
      e.errors().forEach(err::println);
      err.println(e.errors().size() + " error(s) in " + file + "; nothing was changed");
      err.flush();
      throw new CommandFailure(Failure.inventory(file.toString(), e.errors()), true, e);
    }
  }

  /** A loaded inventory with what --strict turns into errors: the loader's warnings and the topology findings. */
  record Checked(Inventory inventory, List<InventoryError> warnings, List<TopologyAnalysis.Finding> findings) {
    boolean clean() {
      return warnings.isEmpty() && findings.isEmpty();
    }
  }

  /** Loads and analyses, printing nothing: the one way every command reads its inventory. */
  Checked check(CertificateCustody custody) throws InvalidInventoryException {
    // only the issuing commands issue, as a step of their own after a read that writes nothing
    InventoryRead read = custody == CertificateCustody.ISSUE ? IssuingLoader.load(file)
        : InventoryLoader.read(file, System.getenv(), custody);
    Inventory inventory = read.inventory();
    return new Checked(inventory, new ArrayList<>(read.warnings()), TopologyAnalysis.analyze(inventory));
  }
}
