package io.redisfleet.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue #8 part 4 on real hosts: three nspawn hosts, one rack each, a 3-master cluster with one
 * master per host. A by-hand CLUSTER FAILOVER puts two masters on one host; status says the
 * cluster no longer survives losing that host, and apply moves the master back (coordinated
 * CLUSTER FAILOVER), after which every host holds one master again and nothing is left to do.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SpreadThreeHostsE2E {

  static final int[][] NODES = {{1, 7000}, {1, 7001}, {2, 7000}, {2, 7001}, {3, 7000}, {3, 7001}};

  @RegisterExtension
  static final FailureFlag FAILURES = new FailureFlag();

  static Hosts hosts;
  static Fleet fleet;
  static String inventory;

  @BeforeAll
  static void bootThreeRacks() throws Exception {
    E2eGate.require(Hosts.unsupportedReason());
    hosts = new Hosts(Hosts.projectRoot());
    try {
      fleet = Fleet.bootProvisioned(hosts, 3, "fleet-spread");
      Path dir = fleet.dir();
      StringBuilder nodes = new StringBuilder();
      for (int[] n : NODES) {
        nodes.append(nodes.length() == 0 ? "" : ", ").append("\"h").append(n[0]).append(':').append(n[1]).append('"');
      }
      Path file = dir.resolve("spread.conf");
      Files.writeString(file, String.join("\n",
          "defaults.redis { cluster-node-timeout = 5000, appendonly = yes }",
          "hosts {",
          "  h1 { address = \"" + Fleet.address(1) + "\", labels.rack = \"r1\" }",
          "  h2 { address = \"" + Fleet.address(2) + "\", labels.rack = \"r2\" }",
          "  h3 { address = \"" + Fleet.address(3) + "\", labels.rack = \"r3\" }",
          "}",
          "clusters.main { replicas = 1, nodes = [ " + nodes + " ] }",
          "controller { tls-dir = \"" + fleet.controllerTls() + "\" }", ""));
      inventory = file.toString();
    } catch (Throwable t) {
      FAILURES.set();
      throw t;
    }
  }

  @AfterAll
  static void tearDown() throws Exception {
    if (hosts != null) {
      hosts.finish(3, !FAILURES.failed());
    }
  }

  @Test
  @Order(1)
  void applySpreadsOneMasterPerRack() throws Exception {
    // not --strict: this plaintext test cluster is (rightly) an insecure-default warning; the
    // layout itself must draw no topology warning
    ControllerCli validate = ControllerCli.expect(0, "validate", inventory);
    assertFalse(validate.err().contains("survive"), validate.toString());
    ControllerCli.expect(0, "apply", inventory);
    assertEquals(Map.of("h1", 1, "h2", 1, "h3", 1), mastersPerHost());
    assertTrue(survivability().get("anyOneFailureDomain").getAsBoolean(), survivability().toString());
  }

  @Test
  @Order(2)
  void aFailoverCrowdsOneRackAndApplyMovesTheMasterBack() throws Exception {
    int[] replica = replicaOfTheMasterOn(1);
    hosts.shOk(replica[0], "cluster failover", "redis-cli -p " + replica[1] + " cluster failover");
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (mastersPerHost().get("h" + replica[0]) != 2) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("the failover did not happen in 60 s: " + mastersPerHost());
      }
      Thread.sleep(500);
    }
    fleet.awaitClusterOk(NODES, Duration.ofSeconds(60));
    JsonObject eroded = survivability();
    assertFalse(eroded.get("anyOneHost").getAsBoolean(), eroded.toString());
    assertTrue(eroded.get("why").getAsString().contains("losing host h" + replica[0]), eroded.toString());
    ControllerCli plan = ControllerCli.expect(2, "plan", inventory);
    assertTrue(plan.out().contains("restore master spread: host h" + replica[0] + " holds 2 of 3 masters"), plan.out());

    ControllerCli.expect(0, "apply", inventory);
    assertEquals(Map.of("h1", 1, "h2", 1, "h3", 1), mastersPerHost());
    assertTrue(survivability().get("anyOneHost").getAsBoolean(), survivability().toString());
    ControllerCli.expect(0, "plan", inventory);
    ControllerCli.expect(0, "verify", inventory);
  }

  /** {host, port} of the replica of the master host {@code host} runs, from its INFO. */
  private static int[] replicaOfTheMasterOn(int host) throws Exception {
    for (int[] n : NODES) {
      if (n[0] != host && fleet.redisField(n[0], n[1], "info replication", "role").equals("slave")
          && fleet.redisField(n[0], n[1], "info replication", "master_host").equals(Fleet.address(host))) {
        return n;
      }
    }
    throw new AssertionError("no replica of h" + host + "'s master on another host");
  }

  private static Map<String, Integer> mastersPerHost() throws Exception {
    Map<String, Integer> out = new TreeMap<>(Map.of("h1", 0, "h2", 0, "h3", 0));
    for (int[] n : NODES) {
      if (fleet.redisField(n[0], n[1], "info replication", "role").equals("master")) {
        out.merge("h" + n[0], 1, Integer::sum);
      }
    }
    return out;
  }

  private static JsonObject survivability() {
    ControllerCli status = ControllerCli.run("status", inventory, "--json");
    JsonElement clusters = JsonParser.parseString(status.out()).getAsJsonObject().get("survivability");
    return clusters.getAsJsonArray().get(0).getAsJsonObject();
  }
}
