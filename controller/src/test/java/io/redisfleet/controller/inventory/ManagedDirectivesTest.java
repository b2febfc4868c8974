package io.redisfleet.controller.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The inventory refuses exactly what the agent refuses (and sentinel), each with a reason. */
class ManagedDirectivesTest {

  @Test
  void theInventoryRefusesWhatTheAgentOwnsAndSentinel() {
    Set<String> expected = new HashSet<>(io.redisfleet.contract.ManagedDirectives.OWNED_BY_AGENT);
    expected.add("sentinel");
    assertEquals(expected, ManagedDirectives.names());
  }
}
