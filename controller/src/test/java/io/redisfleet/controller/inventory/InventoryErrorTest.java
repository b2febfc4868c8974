package io.redisfleet.controller.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class InventoryErrorTest {

  @Test
  void printsFileLineAndMessage() {
    assertEquals("inventory.conf:7: unknown key",
        new InventoryError("inventory.conf", 7, "unknown key").toString());
  }

  @Test
  void leavesOutAnUnknownLine() {
    assertEquals("inventory.conf: no such file",
        new InventoryError("inventory.conf", 0, "no such file").toString());
    assertEquals("inventory.conf: no line", new InventoryError("inventory.conf", -1, "no line")
        .toString());
  }

  @Test
  void exceptionSortsByFileThenLineKeepingOrderWithinALine() {
    InvalidInventoryException e = new InvalidInventoryException(List.of(
        new InventoryError("b.conf", 1, "x"), new InventoryError("a.conf", 9, "first on 9"),
        new InventoryError("a.conf", 2, "y"), new InventoryError("a.conf", 9, "second on 9")));
    assertEquals(List.of("a.conf:2: y", "a.conf:9: first on 9", "a.conf:9: second on 9",
        "b.conf:1: x"), e.errors().stream().map(InventoryError::toString).toList());
    assertEquals("a.conf:2: y\na.conf:9: first on 9\na.conf:9: second on 9\nb.conf:1: x",
        e.getMessage());
  }
}
