package io.redisfleet.controller.inventory;

import java.util.Comparator;
import java.util.Objects;

/**
 * One problem found in an inventory.
 *
 * @param file the file as given on the command line, or the included file it came from
 * @param line 1-based line, 0 when no line is known
 * @param message what is wrong and what to do about it
 */
public record InventoryError(String file, int line, String message) {

  /** Report order: by file, then line; errors on one line keep the order they were found in. */
  public static final Comparator<InventoryError> ORDER =
      Comparator.comparing(InventoryError::file).thenComparingInt(InventoryError::line);

  public InventoryError {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(message, "message");
    line = Math.max(line, 0);
  }

  /** {@code FILE:LINE: message}, or {@code FILE: message} when no line is known. */
  @Override
  public String toString() {
    return line > 0 ? file + ":" + line + ": " + message : file + ": " + message;
  }
}
