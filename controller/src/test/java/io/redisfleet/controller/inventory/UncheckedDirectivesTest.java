package io.redisfleet.controller.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.redisfleet.controller.model.Directive;
import io.redisfleet.controller.model.Inventory;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** unchecked-directives lets through names Redis 7.0 does not know; the rest are still checked. */
class UncheckedDirectivesTest {

  @Test
  void escapeHatchMakesUnknownDirectivesValid() throws Exception {
    Inventory inventory = InventoryLoader.load(
        Path.of("src/test/resources/inventory/valid/unchecked-directives.conf"), Map.of("HOME", "/home/t"));
    List<Directive> master = inventory.replication().get(0).master().directives();
    assertTrue(master.contains(Directive.of("maxmemory-clients-ratio", "5")), master.toString());
    assertTrue(master.contains(Directive.of("io-threads-do-read", "yes")), master.toString());
  }

  @Test
  void everyNameRedis70ListsIsKnownAndTyposAreNot() {
    DirectiveNames names = new DirectiveNames(java.util.Set.of());
    for (String name : List.of("maxmemory", "save", "include", "rename-command", "user", "loadmodule",
        "slaveof", "replicaof", "tls-port", "hash-max-ziplist-entries", "list-max-ziplist-value")) {
      assertEquals(java.util.Optional.empty(), names.problem(name), name);
    }
    assertEquals("unknown redis.conf directive \"maxmemroy\" (did you mean \"maxmemory\"?); if your "
        + "redis-server accepts it, list it in unchecked-directives", names.problem("maxmemroy").orElseThrow());
  }
}
