package io.redisfleet.controller.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;

/**
 * The walking skeleton end to end: the real CLI, real gRPC agents on two loopback "hosts", real
 * redis-server processes. Ordered: each test builds on the fleet the previous one left.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FleetIT {

  @TempDir
  static Path dir;

  static TestFleet fleet;
  static String file;
  static Map<Integer, Long> pidsAfterFirstApply = new HashMap<>();

  @BeforeAll
  static void start() throws Exception {
    fleet = new TestFleet(dir);
    file = fleet.inventory.toString();
  }

  @AfterAll
  static void stop() {
    if (fleet != null) {
      fleet.close();
    }
  }

  @Test
  @Order(1)
  void planBeforeApplyShowsChanges() {
    Cli plan = Cli.run("plan", file);
    assertEquals(2, plan.exit(), plan.toString());
    assertTrue(plan.out().contains("meets"), plan.out());
  }

  @Test
  @Order(2)
  void applyCreatesClusterAndPair() {
    Cli apply = Cli.run("apply", file, "--json");
    assertEquals(0, apply.exit(), apply.toString());
    JsonObject json = JsonParser.parseString(apply.out()).getAsJsonObject();
    assertTrue(json.get("changed").getAsInt() >= 8, apply.out());
    assertEquals(0, json.get("failed").getAsInt());
    int masters = 0;
    for (int i = 0; i < 6; i++) {
      assertEquals("ok", fleet.clusterInfo(i, "cluster_state"), "node " + i);
      assertEquals("16384", fleet.clusterInfo(i, "cluster_slots_ok"), "node " + i);
      assertEquals("6", fleet.clusterInfo(i, "cluster_known_nodes"), "node " + i);
      String role = fleet.info(i, "replication", "role");
      if (role.equals("master")) {
        masters++;
        assertEquals("1", fleet.info(i, "replication", "connected_slaves"), "node " + i);
      } else {
        assertEquals("up", fleet.info(i, "replication", "master_link_status"), "node " + i);
        assertNotEquals(fleet.address(i), fleet.info(i, "replication", "master_host"),
            "replica " + i + " must not share a host with its master");
      }
      pidsAfterFirstApply.put(i, fleet.pid(i));
    }
    assertEquals(3, masters);
    assertEquals("up", fleet.info(7, "replication", "master_link_status"));
    pidsAfterFirstApply.put(6, fleet.pid(6));
    pidsAfterFirstApply.put(7, fleet.pid(7));
  }

  @Test
  @Order(3)
  void secondApplyChangesNothingAndRestartsNothing() {
    Cli apply = Cli.run("apply", file, "--json");
    assertEquals(0, apply.exit(), apply.toString());
    JsonObject json = JsonParser.parseString(apply.out()).getAsJsonObject();
    assertEquals(0, json.get("changed").getAsInt(), apply.out());
    assertEquals(8, json.get("ok").getAsInt(), apply.out());
    for (int i = 0; i < 8; i++) {
      assertEquals(pidsAfterFirstApply.get(i), fleet.pid(i), "node " + i + " was restarted");
    }
    Cli plan = Cli.run("plan", file);
    assertEquals(0, plan.exit(), plan.toString());
  }

  @Test
  @Order(4)
  void statusAndVerifyPass() {
    Cli status = Cli.run("status", file, "--json");
    assertEquals(0, status.exit(), status.toString());
    JsonObject json = JsonParser.parseString(status.out()).getAsJsonObject();
    assertEquals(8, json.getAsJsonArray("nodes").size());
    long replicas = json.getAsJsonArray("nodes").asList().stream()
        .filter(n -> n.getAsJsonObject().get("role").getAsString().equals("replica")).count();
    assertEquals(4, replicas);
    Cli verify = Cli.run("verify", file);
    assertEquals(0, verify.exit(), verify.toString());
  }

  @Test
  @Order(5)
  void pairReplicates() throws Exception {
    try (Jedis master = fleet.jedis(6); Jedis replica = fleet.jedis(7)) {
      master.set("tutorial", "bb");
      long deadline = System.currentTimeMillis() + 5000;
      while (!"bb".equals(replica.get("tutorial")) && System.currentTimeMillis() < deadline) {
        Thread.sleep(20);
      }
      assertEquals("bb", replica.get("tutorial"));
    }
  }

  @Test
  @Order(6)
  void killedNodeIsRestartedAndRejoins() throws Exception {
    long pid = fleet.pid(4);
    ProcessHandle.of(pid).orElseThrow().destroyForcibly();
    long deadline = System.currentTimeMillis() + 10_000;
    while (FreePorts.free(fleet.ports.get(4)) == false && System.currentTimeMillis() < deadline) {
      Thread.sleep(50);
    }
    Cli plan = Cli.run("plan", file);
    assertEquals(2, plan.exit(), plan.toString());
    Cli apply = Cli.run("apply", file);
    assertEquals(0, apply.exit(), apply.toString());
    assertNotEquals(pid, fleet.pid(4));
    for (int i = 0; i < 6; i++) {
      assertEquals("ok", fleet.clusterInfo(i, "cluster_state"), "node " + i);
    }
    assertEquals(0, Cli.run("plan", file).exit());
  }

  /**
   * Writers run from before the apply until it returns; every failover (its command through the
   * wait for the swapped roles) and every restart must have writes acknowledged while it ran, and
   * every acknowledged write must read back afterwards.
   */
  @Test
  @Order(7)
  void restartNeedingChangeRollsWithFailoversAndLosesNoAcknowledgedWrite() throws Exception {
    try (Jedis j = fleet.jedis(6)) {
      j.set("kept", "yes");
    }
    Map<Integer, Long> before = new HashMap<>();
    List<Integer> mastersBefore = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      before.put(i, fleet.pid(i));
      if (i < 6 && fleet.info(i, "replication", "role").equals("master")) {
        mastersBefore.add(i);
      }
    }
    fleet.writeInventory(", databases = 20");
    Cli plan = Cli.run("plan", file);
    assertEquals(2, plan.exit(), plan.toString());
    assertTrue(plan.out().contains("restart"), plan.out());
    TimedLines progress = new TimedLines();
    Cli apply;
    try (AckedWrites writes = new AckedWrites(fleet, mastersBefore, List.of(0, 1, 2, 3, 4, 5))) {
      apply = Cli.run(progress, "apply", file, "--progress", "plain");
      writes.stop(); // the writers ran until the apply returned
      assertEquals(0, apply.exit(), apply.toString());
      List<StepWindow> failovers = StepWindow.failovers(progress.lines());
      List<StepWindow> restarts = StepWindow.restarts(progress.lines());
      assertEquals(3, failovers.size(), apply.out());
      assertEquals(8, restarts.size(), apply.out());
      List<String> idle = new ArrayList<>();
      StringBuilder seen = new StringBuilder("FleetIT: " + writes.acknowledged() + " acknowledged writes; during");
      for (StepWindow w : concat(failovers, restarts)) {
        long acked = writes.acknowledgedBetween(w.start(), w.end());
        seen.append("\n  ").append(w.what()).append(" (").append(w.millis()).append(" ms): ").append(acked);
        if (acked == 0) {
          idle.add(w.what() + " (" + w.millis() + " ms)");
        }
      }
      System.out.println(seen);
      assertEquals(List.of(), idle, "failovers/restarts during which no write was acknowledged, of "
          + writes.acknowledged() + " acknowledged:\n" + apply.out());
      assertEquals(List.of(), writes.lost(), "acknowledged writes lost during the rolling restart");
    }
    for (int i = 0; i < 8; i++) {
      assertNotEquals(before.get(i), fleet.pid(i), "node " + i + " restarted with the new conf");
    }
    for (int i = 0; i < 6; i++) {
      assertEquals("ok", fleet.clusterInfo(i, "cluster_state"), "node " + i);
    }
    for (int m : mastersBefore) {
      assertEquals("slave", fleet.info(m, "replication", "role"), "master " + m + " was failed over before its restart");
    }
    try (Jedis j = fleet.jedis(6)) {
      assertEquals("yes", j.get("kept"), "data survives the restart");
    }
    assertEquals(0, Cli.run("plan", file).exit());
  }

  private static List<StepWindow> concat(List<StepWindow> a, List<StepWindow> b) {
    return Stream.concat(a.stream(), b.stream()).toList();
  }

  @Test
  @Order(8)
  void destroyRefusesKeysWithoutForceThenRemovesEverything() {
    Cli refused = Cli.run("destroy", file);
    assertEquals(1, refused.exit(), refused.toString());
    assertTrue(refused.out().contains("--force"), refused.out());
    assertEquals("bb", fleet.jedis(6).get("tutorial"), "nothing removed without --force");
    Cli forced = Cli.run("destroy", file, "--force");
    assertEquals(0, forced.exit(), forced.toString());
    for (int port : fleet.ports) {
      assertTrue(FreePorts.free(port), "port " + port + " still bound");
    }
    for (long pid : pidsAfterFirstApply.values()) {
      assertTrue(ProcessHandle.of(pid).map(p -> !p.isAlive() || TestFleet.exited(pid)).orElse(true), "pid " + pid);
    }
    List<String> lines = Cli.run("status", file).out().lines().toList();
    assertTrue(lines.stream().skip(1).allMatch(l -> l.contains("down")), String.join("\n", lines));
  }
}
