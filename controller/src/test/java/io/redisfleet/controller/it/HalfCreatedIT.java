package io.redisfleet.controller.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.redisfleet.controller.app.Session;
import io.redisfleet.controller.exec.StepResult;
import io.redisfleet.controller.inventory.InventoryLoader;
import io.redisfleet.controller.plan.Plan;
import io.redisfleet.controller.plan.Step;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.RedisClusterClient;

/**
 * An apply killed midway through forming the cluster: the creation plan ran through the real
 * executor up to and including its first MEET (nodes started, epochs set, every slot added, two
 * nodes met, four not). The next apply must finish the same cluster, not refuse it.
 */
class HalfCreatedIT extends FleetCase {

  @Test
  void nextApplyFinishesAClusterKilledAfterItsFirstMeet() throws Exception {
    fleet = new TestFleet(dir);
    String file = fleet.inventory.toString();
    Step.Meet meet;
    try (Session session = Session.open(InventoryLoader.load(fleet.inventory))) {
      List<Step> ranBeforeTheKill = throughFirstMeet(session.plan().steps());
      meet = (Step.Meet) ranBeforeTheKill.get(ranBeforeTheKill.size() - 1);
      List<StepResult> ran = session.execute(new Plan(ranBeforeTheKill, List.of(), List.of()), r -> { });
      assertEquals(ranBeforeTheKill.size(), ran.size(), ran.toString());
      assertTrue(ran.stream().allMatch(StepResult.Done.class::isInstance), ran.toString());
      StepResult last = ran.get(ran.size() - 1);
      assertEquals(meet, last.step(), "the last step before the kill is the MEET");
      assertTrue(assertInstanceOf(StepResult.Done.class, last).changed(), "the MEET ran: " + last);
    }
    int anchor = fleet.ports.indexOf(meet.node().port());
    int met = fleet.ports.indexOf(meet.target().port());
    awaitMet(anchor, met);
    for (int i = 0; i < 6; i++) {
      if (i != anchor && i != met) {
        assertEquals("1", fleet.clusterInfo(i, "cluster_known_nodes"), "node " + i + " was not met yet");
      }
      assertEquals("fail", fleet.clusterInfo(i, "cluster_state"), "node " + i + " in a half-met cluster");
    }

    Cli plan = Cli.run("plan", file);
    assertEquals(2, plan.exit(), plan.toString());
    List<String> meets = plan.out().lines().filter(l -> l.contains(" meets ")).toList();
    assertEquals(4, meets.size(), "the four nodes not met yet, and only those:\n" + plan.out());
    assertTrue(meets.stream().noneMatch(l -> l.contains(" meets " + meet.target() + " ")),
        "the node already met is not met again:\n" + plan.out());
    assertFalse(plan.out().contains("slots ["), "every slot was added before the kill:\n" + plan.out());

    Cli apply = Cli.run("apply", file);
    assertEquals(0, apply.exit(), apply.toString());
    int masters = 0;
    for (int i = 0; i < 6; i++) {
      assertEquals("ok", fleet.clusterInfo(i, "cluster_state"), "node " + i);
      assertEquals("16384", fleet.clusterInfo(i, "cluster_slots_ok"), "node " + i);
      assertEquals("6", fleet.clusterInfo(i, "cluster_known_nodes"), "node " + i);
      masters += fleet.info(i, "replication", "role").equals("master") ? 1 : 0;
    }
    assertEquals(3, masters);
    assertKeysSpreadOverEverySlotRangeReadBack();
    assertEquals(0, Cli.run("plan", file).exit());
    assertEquals(0, Cli.run("verify", file).exit());
  }

  /** The creation plan's steps up to and including its first MEET (the kill comes right after it). */
  private static List<Step> throughFirstMeet(List<Step> steps) {
    List<Step> prefix = new ArrayList<>();
    for (Step step : steps) {
      prefix.add(step);
      if (step instanceof Step.Meet) {
        return prefix;
      }
    }
    throw new AssertionError("the creation plan has no MEET: " + steps);
  }

  /** MEET is asynchronous: waits (10 s at most) until both nodes know each other past the handshake. */
  private void awaitMet(int anchor, int met) throws InterruptedException {
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (!(known(anchor) && known(met)) && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertTrue(known(anchor) && known(met), "nodes " + anchor + " and " + met + " did not finish their MEET in 10 s");
  }

  private boolean known(int i) {
    try (Jedis j = fleet.jedis(i)) {
      return "2".equals(fleet.clusterInfo(i, "cluster_known_nodes")) && !j.clusterNodes().contains("handshake");
    }
  }

  private void assertKeysSpreadOverEverySlotRangeReadBack() {
    try (RedisClusterClient cluster = RedisClusterClient.create(fleet.seeds(List.of(0, 1, 2, 3, 4, 5)))) {
      for (int n = 0; n < 300; n++) {
        cluster.set("half:" + n, "v" + n);
      }
      for (int n = 0; n < 300; n++) {
        assertEquals("v" + n, cluster.get("half:" + n), "key half:" + n);
        cluster.del("half:" + n);
      }
    }
  }
}
