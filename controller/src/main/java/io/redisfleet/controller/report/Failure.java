package io.redisfleet.controller.report;

import io.redisfleet.controller.inventory.InventoryError;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Why a command stopped before it could print its own document: the {@code error} object of the
 * JSON contract (docs/json.md, "A command that could not run"). {@code file} and {@code line}
 * point at the inventory when the failure is in it; {@code errors} lists every inventory error.
 */
public record Failure(Kind kind, String message, Optional<String> file, int line, List<InventoryError> errors) {

  /** What went wrong, for scripts: each kind has its fix in a different place. */
  public enum Kind {
    /** A wrong option or argument: the command line must change (exit 64). */
    USAGE,
    /** The inventory does not validate. */
    INVENTORY,
    /** {@code --strict} and a cluster that cannot survive losing a failure domain. */
    TOPOLOGY,
    /** The controller's TLS bundle (controller.tls-dir) cannot be loaded. */
    TLS,
    /** The agents cannot be reached as the inventory asks (plaintext off loopback, an embedded agent's state dir). */
    SETUP,
    /** The run was interrupted. */
    INTERRUPTED,
    /** A defect: report it with the message. */
    INTERNAL;

    public String code() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public Failure {
    errors = List.copyOf(errors);
    file = file.filter(f -> !f.isEmpty());
    line = Math.max(line, 0);
  }

  public static Failure of(Kind kind, String message) {
    return new Failure(kind, message, Optional.empty(), 0, List.of());
  }

  /** An invalid inventory: the first error (by file and line) locates it, all of them are listed. */
  public static Failure inventory(String file, List<InventoryError> errors) {
    InventoryError first = errors.get(0);
    String message = errors.size() == 1 ? first.toString()
        : first + " (and " + (errors.size() - 1) + " more error(s) in " + file + ")";
    return new Failure(Kind.INVENTORY, message, Optional.of(first.file()), first.line(), errors);
  }
}
