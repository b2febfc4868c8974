package io.redisfleet.controller.preflight;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.redisfleet.controller.inventory.InventoryLoader;
import io.redisfleet.controller.model.Endpoint;
import io.redisfleet.controller.model.EndpointProbe;
import io.redisfleet.controller.model.Inventory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Debian's redis-server.service on 6379: a warning where no node claims the port, not looked for where one does. */
class UnmanagedRedisTest {

  @TempDir Path dir;

  private static EndpointProbe probe(String result) {
    return new EndpointProbe(new Endpoint("127.0.0.1", 6379), result, "");
  }

  @Test
  void servingIsAWarningWithItsFixAndClosedIsOk() {
    Finding open = UnmanagedRedis.finding("h1", List.of(probe("open"))).orElseThrow();
    assertEquals("warning", open.severity());
    assertTrue(open.fix().contains("systemctl disable --now redis-server on h1"), open.fix());
    assertEquals("ok", UnmanagedRedis.finding("h1", List.of(probe("closed"))).orElseThrow().severity());
  }

  @Test
  void aHostWhoseNodeClaims6379IsNotAsked() throws Exception {
    Path inv = dir.resolve("inv.conf");
    Files.writeString(inv, "hosts { a { address = \"127.0.0.1\" }, b { address = \"127.0.0.2\" } }\n"
        + "replication.g { master = \"a:6379\", replicas = [\"b:6378\"] }\n");
    Inventory inventory = InventoryLoader.load(inv);
    assertFalse(UnmanagedRedis.applies(inventory, "a"), "a's node takes 6379 over");
    assertTrue(UnmanagedRedis.applies(inventory, "b"));
  }
}
