package io.redisfleet.controller.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hosts with both engines installed (redis-server and valkey-server side by side, as Debian
 * allows): each node runs the engine its inventory names, keeps the one it runs when the
 * inventory names none, and a cluster switched to valkey is rolled onto it. This machine has one
 * real server, so valkey-server is a wrapper whose --version says Valkey 7.2.5 and which starts the
 * real redis-server with a marker in its environment (read from /proc to tell who started a
 * process). What a wrapper cannot show, a really different server, the e2e hosts do (EnginesE2E).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BothEnginesIT {

  private static final String VALKEY = "7.2.5";

  @TempDir
  static Path dir;

  static TestFleet fleet;
  static String file;
  static String plainInventory;

  @BeforeAll
  static void start() throws Exception {
    InstalledServer redis = InstalledServer.under(dir.resolve("bin"));
    redis.valkeyBeside(VALKEY);
    fleet = new TestFleet(dir, Optional.of(redis.path()));
    file = fleet.inventory.toString();
    plainInventory = Files.readString(fleet.inventory);
  }

  @AfterAll
  static void stop() {
    if (fleet != null) {
      fleet.close();
    }
  }

  /** The pair asks for valkey, the cluster names nothing: each gets its own binary on the same hosts. */
  @Test
  @Order(1)
  void eachNodeRunsTheEngineItsInventoryNames() throws Exception {
    write(plainInventory.replace("replication.pair { ", "replication.pair { engine = valkey, "));
    Cli apply = Cli.run("apply", file, "--skip-preflight");
    assertEquals(0, apply.exit(), apply.toString());
    for (int i = 0; i < 8; i++) {
      assertEquals(i >= 6 ? "valkey" : "", engineOf(i), "node " + i);
    }
    assertEquals("up", fleet.info(7, "replication", "master_link_status"));
    Cli plan = Cli.run("plan", file);
    assertEquals(0, plan.exit(), "converged, nothing to upgrade either way:\n" + plan);
  }

  /**
   * The engine line dropped from the inventory: the pair stays on valkey (not "going back to Redis",
   * not restarted), a rolling restart, which comes without a spec, starts it on valkey again.
   */
  @Test
  @Order(2)
  void aNodeNamingNoEngineKeepsTheOneItRunsThroughRestarts() throws Exception {
    write(plainInventory);
    Map<Integer, Long> before = pids();
    Cli plan = Cli.run("plan", file);
    assertEquals(0, plan.exit(), plan.toString());
    Cli apply = Cli.run("apply", file, "--skip-preflight");
    assertEquals(0, apply.exit(), apply.toString());
    assertEquals(before, pids(), "nothing restarted:\n" + apply);
    Cli restart = Cli.run("restart", file, "--rolling", "--limit", "b");
    assertEquals(0, restart.exit(), restart.toString());
    assertNotEquals(before.get(7), fleet.pid(7), "the pair's replica (on b) was restarted");
    assertEquals("valkey", engineOf(7), "and by valkey-server again");
    assertEquals("up", fleet.info(7, "replication", "master_link_status"));
  }

  /** The cluster switched to valkey: plan names the switch per node, apply rolls it, no key lost. */
  @Test
  @Order(3)
  void aClusterSwitchedToValkeyIsRolledOntoItKeepingItsKeys() throws Exception {
    Map<String, String> keys = new HashMap<>();
    try (var cluster = new redis.clients.jedis.JedisCluster(fleet.seeds(List.of(0, 1, 2, 3, 4, 5)))) {
      for (int k = 0; k < 200; k++) {
        cluster.set("both-" + k, "v" + k);
        keys.put("both-" + k, "v" + k);
      }
      write(plainInventory.replace("clusters.main {", "clusters.main {\n  engine = valkey"));
      Cli plan = Cli.run("plan", file);
      assertEquals(2, plan.exit(), plan.toString());
      String redisVersion = fleet.info(0, "server", "redis_version");
      assertEquals(6, plan.out().lines().filter(l -> l.contains("restart to upgrade redis " + redisVersion
          + " → valkey " + VALKEY)).count(), plan.out());
      Cli apply = Cli.run("apply", file, "--skip-preflight");
      assertEquals(0, apply.exit(), apply.toString());
      for (int i = 0; i < 6; i++) {
        assertEquals("valkey", engineOf(i), "node " + i);
        assertEquals("ok", fleet.clusterInfo(i, "cluster_state"), "node " + i);
      }
      keys.forEach((k, v) -> assertEquals(v, cluster.get(k), k));
    }
    assertEquals(0, Cli.run("plan", file).exit(), "converged on valkey");
  }

  private static void write(String inventory) throws IOException {
    Files.writeString(fleet.inventory, inventory);
  }

  private static Map<Integer, Long> pids() {
    Map<Integer, Long> out = new HashMap<>();
    for (int i = 0; i < 8; i++) {
      out.put(i, fleet.pid(i));
    }
    return out;
  }

  /** "valkey" when the node's process was started by the valkey-server wrapper, else "". */
  private static String engineOf(int i) throws IOException {
    String title = new String(Files.readAllBytes(Path.of("/proc/" + fleet.pid(i) + "/cmdline")),
        StandardCharsets.UTF_8);
    return title.contains("valkey-wrapper") ? "valkey" : "";
  }

}
