package io.redisfleet.controller.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.redisfleet.controller.app.Session;
import io.redisfleet.controller.exec.StepResult;
import io.redisfleet.controller.inventory.InventoryLoader;
import io.redisfleet.controller.plan.Plan;
import io.redisfleet.controller.plan.Step;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

/**
 * A node replaced while an apply runs (its disk swapped: killed, its state wiped, started again
 * with a new id at the same address) must not get the steps planned for the node it replaced. The
 * forming plan is made while the six nodes run and know only themselves (each step pins its
 * node's id); then one master-to-be is replaced and the plan runs through the real executor: its
 * ADDSLOTS is refused (NO_STEP_ON_REPLACED_NODE) instead of giving the new empty node slots
 * alone, and the next apply forms the cluster with the new node.
 */
class ReplacedMidApplyIT extends FleetCase {

  @Test
  void stepsPlannedForTheReplacedNodeAreRefusedAndTheNextApplyConverges() throws Exception {
    fleet = new TestFleet(dir);
    String file = fleet.inventory.toString();
    try (Session session = Session.open(InventoryLoader.load(fleet.inventory))) {
      List<Integer> cluster = fleet.ports.subList(0, 6); // the pair (6, 7) is not part of this
      List<Step> starts = session.plan().steps().stream()
          .filter(s -> s instanceof Step.ApplyNode && cluster.contains(s.node().port())).toList();
      List<StepResult> started = session.execute(new Plan(starts, List.of(), List.of()), r -> { });
      assertTrue(started.stream().allMatch(StepResult.Done.class::isInstance), started.toString());

      Plan forming = session.plan();
      Step.AddSlots add = forming.steps().stream().filter(Step.AddSlots.class::isInstance).map(Step.AddSlots.class::cast)
          .findFirst().orElseThrow(() -> new AssertionError(forming.steps().toString()));
      String oldId = add.seenId().orElseThrow(() -> new AssertionError("no id pinned: " + add));
      int victim = fleet.ports.indexOf(add.node().port());

      replace(victim);
      Step restart = starts.stream().filter(s -> s.node().equals(add.node())).findFirst().orElseThrow();
      List<StepResult> back = session.execute(new Plan(List.of(restart), List.of(), List.of()), r -> { });
      assertInstanceOf(StepResult.Done.class, back.get(0), back.toString());
      String newId;
      try (Jedis j = fleet.jedis(victim)) {
        newId = j.clusterMyId();
      }
      assertNotEquals(oldId, newId, "the replaced node answers with a new id");

      List<StepResult> ran = session.execute(forming, r -> { });
      StepResult addResult = ran.stream().filter(r -> r.step().equals(add)).findFirst().orElseThrow();
      StepResult.Failed refused = assertInstanceOf(StepResult.Failed.class, addResult, ran.toString());
      assertTrue(refused.message().contains("answers as " + newId) && refused.message().contains("replaced since"),
          refused.message());
      assertEquals("0", fleet.clusterInfo(victim, "cluster_slots_assigned"), "the new empty node got no slots alone");
    }

    Cli apply = Cli.run("apply", file);
    assertEquals(0, apply.exit(), apply.toString());
    for (int i = 0; i < 6; i++) {
      assertEquals("ok", fleet.clusterInfo(i, "cluster_state"), "node " + i);
      assertEquals("16384", fleet.clusterInfo(i, "cluster_slots_ok"), "node " + i);
      assertEquals("6", fleet.clusterInfo(i, "cluster_known_nodes"), "node " + i);
    }
    assertEquals(0, Cli.run("plan", file).exit());
  }

  /** Its disk swapped: the node killed (by its own PID), every file of its data directory removed. */
  private void replace(int i) throws Exception {
    long pid = fleet.pid(i);
    ProcessHandle.of(pid).ifPresent(p -> {
      p.destroyForcibly();
      p.onExit().orTimeout(10, TimeUnit.SECONDS).join();
    });
    Path data = dir.resolve(fleet.address(i).equals("127.0.0.1") ? "a" : "b").resolve("data")
        .resolve(String.valueOf(fleet.ports.get(i)));
    try (Stream<Path> files = Files.list(data)) {
      for (Path f : files.toList()) {
        if (Files.isDirectory(f)) {
          try (Stream<Path> inner = Files.walk(f)) {
            for (Path g : inner.sorted(java.util.Comparator.reverseOrder()).toList()) {
              Files.delete(g);
            }
          }
        } else {
          Files.delete(f);
        }
      }
    }
  }
}
