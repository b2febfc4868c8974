package io.redisfleet.controller.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.redisfleet.controller.inventory.InventoryLoader;
import io.redisfleet.controller.model.Inventory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A replica's master, as status shows it: the inventory's host name where the address says which host. */
class MasterNameTest {

  @TempDir Path dir;

  private Inventory inventory(String text) throws Exception {
    Path p = dir.resolve("inv.conf");
    Files.writeString(p, text);
    return InventoryLoader.load(p);
  }

  @Test
  void addressOfOneHostBecomesItsName() throws Exception {
    Inventory inv = inventory("hosts { a { address = \"127.0.0.1\", agent-port = 17781 }, b { address = \"127.0.0.2\","
        + " agent-port = 17781 } }\nreplication.g { master = \"a:17001\", replicas = [\"b:17002\"] }\n");
    assertEquals(Optional.of("a:17001"), MasterName.of(inv, Optional.of("127.0.0.1:17001")));
    assertEquals(Optional.of("b:17009"), MasterName.of(inv, Optional.of("127.0.0.2:17009")), "any port of that host");
    assertEquals(Optional.of("10.9.9.9:17001"), MasterName.of(inv, Optional.of("10.9.9.9:17001")), "not a fleet host");
    assertEquals(Optional.empty(), MasterName.of(inv, Optional.empty()));
  }
}
