package io.redisfleet.controller.inventory;

import java.util.List;
import java.util.stream.Collectors;

/** The inventory cannot be used; carries every problem found, sorted by file and line. */
public final class InvalidInventoryException extends Exception {

  private static final long serialVersionUID = 1L;

  private final transient List<InventoryError> errors;

  public InvalidInventoryException(List<InventoryError> errors) {
    super(errors.stream().map(InventoryError::toString).collect(Collectors.joining("\n")));
    if (errors.isEmpty()) {
      throw new IllegalArgumentException("an invalid inventory has at least one error");
    }
    this.errors = errors.stream().sorted(InventoryError.ORDER).toList();
  }

  /** Every error, sorted by file and line; print one per line. */
  public List<InventoryError> errors() {
    return errors;
  }
}
