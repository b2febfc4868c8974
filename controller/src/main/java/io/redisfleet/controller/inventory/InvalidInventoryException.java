package io.redisfleet.controller.inventory;

import java.util.List;
import java.util.stream.Collectors;

/** The inventory cannot be used; carries every problem found, sorted by file and line. */
public final class InvalidInventoryException extends Exception {

  private static final long serialVersionUID = 1L;

  private final transient List<InventoryError> errors;

  public InvalidInventoryException(List<InventoryError> errors) {
    super(sorted(errors).stream().map(InventoryError::toString).collect(Collectors.joining("\n")));
    this.errors = sorted(errors);
  }

  private static List<InventoryError> sorted(List<InventoryError> errors) {
    if (errors.isEmpty()) {
      throw new IllegalArgumentException("an invalid inventory has at least one error");
    }
    return errors.stream().sorted(InventoryError.ORDER).toList();
  }

  /** Every error, sorted by file and line; print one per line. */
  public List<InventoryError> errors() {
    return errors;
  }
}
