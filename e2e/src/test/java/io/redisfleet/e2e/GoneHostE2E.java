package io.redisfleet.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue #8 part 3 on real systemd hosts: a cluster of 3 masters and 3 replicas on h1-h3 (two nodes
 * each); h3 is powered off for good. The inventory declares h3 {@code state = gone} and moves its
 * two nodes to a replacement host h4. plan shows the forgets; apply heals without calling h3: every
 * survivor forgets h3's nodes, h4's nodes join and become the replicas the shards lost; verify
 * passes and a second plan has nothing to do.
 */
class GoneHostE2E {

  static final int[][] SURVIVORS = {{1, 7000}, {1, 7001}, {2, 7000}, {2, 7001}, {4, 7000}, {4, 7001}};

  @RegisterExtension
  static final FailureFlag FAILURES = new FailureFlag();

  static Hosts hosts;
  static Fleet fleet;
  static Path inventory;

  @BeforeAll
  static void bootFourProvisionedHosts() throws Exception {
    E2eGate.require(Hosts.unsupportedReason());
    hosts = new Hosts(Hosts.projectRoot());
    try {
      fleet = Fleet.bootProvisioned(hosts, 4, "fleet-gone-host");
      inventory = fleet.dir().resolve("gone-host.conf");
    } catch (Throwable t) {
      FAILURES.set();
      throw t;
    }
  }

  @AfterAll
  static void tearDown() throws Exception {
    if (hosts != null) {
      hosts.finish(4, !FAILURES.failed());
    }
  }

  @Test
  void aHostPoweredOffForGoodIsDeclaredGoneAndApplyHealsTheClusterOnAReplacement() throws Exception {
    write(false);
    ControllerCli.expect(0, "apply", inventory.toString());
    ControllerCli.expect(0, "verify", inventory.toString());

    hosts.sh(3, "systemctl poweroff"); // the host goes away for good: its nspawn exits, nothing reboots it
    awaitGone(3);
    // Redis fails h3's master over to its replica on h1 or h2 (cluster-node-timeout 3000): wait
    // until no line at h3's address serves a slot and the survivors say ok
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (!failedOver()) {
      assertTrue(System.nanoTime() < deadline, "h3's master was failed over to its replica within 60 s");
      Thread.sleep(500);
    }

    write(true);
    ControllerCli.expect(0, "validate", inventory.toString());
    ControllerCli plan = ControllerCli.expect(2, "plan", inventory.toString());
    assertTrue(plan.out().contains("declared gone"), plan.out());
    ControllerCli apply = ControllerCli.expect(0, "apply", inventory.toString());
    assertFalse(apply.out().contains("h3:"), "no step on h3: " + apply.out());

    fleet.awaitClusterOk(SURVIVORS, Duration.ofSeconds(60));
    for (int[] n : SURVIVORS) {
      assertEquals("6", fleet.redisField(n[0], n[1], "cluster info", "cluster_known_nodes"), "h" + n[0] + ":" + n[1]);
      String nodes = hosts.shOk(n[0], "cluster nodes", "redis-cli -p " + n[1] + " cluster nodes");
      assertFalse(nodes.contains("fail") || nodes.contains("noaddr"), "h" + n[0] + ":" + n[1] + "\n" + nodes);
    }
    // The replacement nodes join as the replicas the two shards lost; the same apply may then fail
    // one of them over to master to restore the spread over hosts (h1 or h2 held two masters), so
    // each is a linked replica or a master that its shard's other node follows.
    for (int port : new int[] {7000, 7001}) {
      String role = fleet.redisField(4, port, "info replication", "role");
      if (role.equals("slave")) {
        assertEquals("up", fleet.redisField(4, port, "info replication", "master_link_status"), "h4:" + port);
      } else {
        assertEquals("1", fleet.redisField(4, port, "info replication", "connected_slaves"), "h4:" + port);
      }
    }
    ControllerCli.expect(0, "verify", inventory.toString());
    ControllerCli.expect(0, "plan", inventory.toString());
  }

  /** True when h1:7000 sees no node at h3's address serving slots and says cluster_state:ok. */
  private static boolean failedOver() throws Exception {
    String nodes = hosts.shOk(1, "cluster nodes", "redis-cli -p 7000 cluster nodes");
    boolean h3Serves = nodes.lines().anyMatch(l -> l.contains(" " + Fleet.address(3) + ":") && l.split(" ").length > 8);
    return !h3Serves && fleet.redisField(1, 7000, "cluster info", "cluster_state").equals("ok");
  }

  /** Before: the cluster on h1-h3. After: h3 gone, its two nodes replaced by two on h4. */
  private static void write(boolean h3Gone) throws IOException {
    String third = h3Gone ? "h4" : "h3";
    Files.writeString(inventory, String.join("\n",
        "defaults.redis { cluster-node-timeout = 3000, appendonly = yes }",
        "hosts {",
        "  h1 { address = \"" + Fleet.address(1) + "\" }",
        "  h2 { address = \"" + Fleet.address(2) + "\" }",
        "  h3 { address = \"" + Fleet.address(3) + "\"" + (h3Gone ? ", state = gone" : "") + " }",
        h3Gone ? "  h4 { address = \"" + Fleet.address(4) + "\" }" : "",
        "}",
        "clusters.main {",
        "  replicas = 1",
        "  nodes = [ \"h1:7000\", \"h1:7001\", \"h2:7000\", \"h2:7001\", \"" + third + ":7000\", \"" + third + ":7001\" ]",
        "}",
        "controller { tls-dir = \"" + fleet.controllerTls() + "\" }",
        ""));
  }

  /** Waits until nothing answers at the host's agent port any more (60 s). */
  private static void awaitGone(int host) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress(Fleet.address(host), Fleet.AGENT_PORT), 500);
        Thread.sleep(300);
      } catch (IOException e) {
        return;
      }
    }
    throw new AssertionError("h" + host + " still answers after its poweroff");
  }
}
