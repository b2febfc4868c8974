package io.redisfleet.controller.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The contract of {@code destroy} (docs: "refuses nodes holding keys without --force"): a fleet
 * that holds no key goes without --force, its cluster's masters included, although they own slots.
 * That nodes holding keys are refused is FleetIT's.
 */
class DestroyIT {

  @TempDir
  Path dir;

  @Test
  void aFleetHoldingNoKeyIsDestroyedWithoutForce() throws Exception {
    try (TestFleet fleet = new TestFleet(dir)) {
      String file = fleet.inventory.toString();
      Cli apply = Cli.run("apply", file, "--skip-preflight");
      assertEquals(0, apply.exit(), apply.toString());
      Cli destroy = Cli.run("destroy", file);
      assertEquals(0, destroy.exit(), destroy.toString());
      for (int i = 0; i < 8; i++) {
        assertTrue(FreePorts.free(fleet.ports.get(i)), "node " + i + " still serves:\n" + destroy);
      }
    }
  }
}
