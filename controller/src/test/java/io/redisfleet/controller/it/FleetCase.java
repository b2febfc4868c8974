package io.redisfleet.controller.it;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * A test that builds its own {@link TestFleet} in a temporary directory: every node the fleet
 * ran is destroyed after each test, and its agents stopped.
 */
abstract class FleetCase {

  @TempDir
  Path dir;

  TestFleet fleet;

  @AfterEach
  void destroyFleet() {
    if (fleet != null) {
      Cli.run("destroy", fleet.inventory.toString(), "--force");
      fleet.close();
    }
  }
}
