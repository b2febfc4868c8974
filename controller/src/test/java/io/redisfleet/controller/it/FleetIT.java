package io.redisfleet.controller.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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

  @Test
  @Order(7)
  void restartNeedingChangeRollsWithFailoversAndLosesNoAcknowledgedWrite() throws Exception {
    try (Jedis j = fleet.jedis(6)) {
      j.set("kept", "yes");
    }
    Map<Integer, Long> before = new HashMap<>();
    List<Integer> mastersBefore = new java.util.ArrayList<>();
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
    Set<String> acknowledged = java.util.concurrent.ConcurrentHashMap.newKeySet();
    java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
    Set<redis.clients.jedis.HostAndPort> seeds = fleet.seeds(List.of(0, 1, 2, 3, 4, 5));
    Thread writer = new Thread(() -> {
      try (var cluster = redis.clients.jedis.RedisClusterClient.create(seeds)) {
        for (int n = 0; !stop.get() && n < 100_000; n++) {
          try {
            cluster.set("w:" + n, "v");
            acknowledged.add("w:" + n);
          } catch (RuntimeException refused) {
            // not acknowledged: the client saw the error, so nothing is owed
          }
        }
      }
    });
    writer.start();
    Cli apply = Cli.run("apply", file);
    stop.set(true);
    writer.join(30_000);
    assertEquals(0, apply.exit(), apply.toString());
    for (int i = 0; i < 8; i++) {
      assertNotEquals(before.get(i), fleet.pid(i), "node " + i + " restarted with the new conf");
    }
    for (int i = 0; i < 6; i++) {
      assertEquals("ok", fleet.clusterInfo(i, "cluster_state"), "node " + i);
    }
    for (int m : mastersBefore) {
      assertEquals("slave", fleet.info(m, "replication", "role"), "master " + m + " was failed over before its restart");
    }
    assertEquals(3, apply.out().lines().filter(l -> l.contains(" over to its replica ")).count(), apply.out());
    assertEquals(8, apply.out().lines().filter(l -> l.contains(" restart ")).count(), apply.out());
    try (Jedis j = fleet.jedis(6)) {
      assertEquals("yes", j.get("kept"), "data survives the restart");
    }
    assertTrue(acknowledged.size() > 100, "the writer ran during the rollout: " + acknowledged.size());
    try (var cluster = redis.clients.jedis.RedisClusterClient.create(seeds)) {
      List<String> lost = acknowledged.stream().filter(k -> !"v".equals(cluster.get(k))).toList();
      assertEquals(List.of(), lost, "acknowledged writes lost during the rolling restart");
      for (String k : acknowledged) {
        cluster.del(k);
      }
    }
    assertEquals(0, Cli.run("plan", file).exit());
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
