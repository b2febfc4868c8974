package io.redisfleet.controller.inventory;

/** Where something was declared: a file and a 1-based line (0 when unknown). */
record Location(String file, int line) {

  InventoryError error(String message) {
    return new InventoryError(file, line, message);
  }

  /** Short form for messages that point at a second place: {@code FILE:LINE}. */
  @Override
  public String toString() {
    return line > 0 ? file + ":" + line : file;
  }
}
