package io.redisfleet.controller.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.redisfleet.controller.app.Session;
import io.redisfleet.controller.exec.StepResult;
import io.redisfleet.controller.inventory.InventoryLoader;
import io.redisfleet.controller.plan.Plan;
import io.redisfleet.controller.plan.Step;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An apply killed midway: only the first steps of the creation plan ran (nodes started, some
 * slots added, one node met). The next apply must finish the same cluster, not refuse it.
 */
class HalfCreatedIT {

  @TempDir
  Path dir;

  TestFleet fleet;

  @AfterEach
  void stop() {
    if (fleet != null) {
      Cli.run("destroy", fleet.inventory.toString(), "--force");
      fleet.close();
    }
  }

  @Test
  void nextApplyFinishesTheCluster() throws Exception {
    fleet = new TestFleet(dir);
    String file = fleet.inventory.toString();
    try (Session session = Session.open(InventoryLoader.load(fleet.inventory))) {
      Plan plan = session.plan();
      List<Step> firstPart = new ArrayList<>();
      int slots = 0;
      for (Step step : plan.steps()) {
        if (step instanceof Step.AddSlots && ++slots > 1) {
          break; // killed after the first master got its slots
        }
        firstPart.add(step);
      }
      List<StepResult> ran = session.execute(new Plan(firstPart, List.of(), List.of()), r -> { });
      assertTrue(ran.stream().allMatch(StepResult.Done.class::isInstance), ran.toString());
    }
    Cli plan = Cli.run("plan", file);
    assertEquals(2, plan.exit(), plan.toString());
    assertTrue(plan.out().contains("slots [5461-10922]"), "remaining slots planned:\n" + plan.out());
    assertTrue(!plan.out().contains("slots [0-5460]"), "slots already added are not added again:\n" + plan.out());
    Cli apply = Cli.run("apply", file);
    assertEquals(0, apply.exit(), apply.toString());
    int masters = 0;
    for (int i = 0; i < 6; i++) {
      assertEquals("ok", fleet.clusterInfo(i, "cluster_state"), "node " + i);
      masters += fleet.info(i, "replication", "role").equals("master") ? 1 : 0;
    }
    assertEquals(3, masters);
    assertEquals(0, Cli.run("plan", file).exit());
    assertEquals(0, Cli.run("verify", file).exit());
  }
}
