package io.redisfleet.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The tutorial's first step on one real host: the agent as installed waits for its address and
 * then for its TLS bundle (no crash loop), and inventory/seed-replication.conf puts a master on
 * 6379 — taken over from Debian's redis-server.service, reported as a change — with a replica on
 * 6378 that replicates.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReplicationPairE2E {

  @RegisterExtension
  static final FailureFlag FAILURES = new FailureFlag();

  static Hosts hosts;
  static Fleet fleet;

  @BeforeAll
  static void bootOneHost() throws Exception {
    E2eGate.require(Hosts.unsupportedReason());
    hosts = new Hosts(Hosts.projectRoot());
    try {
      fleet = Fleet.boot(hosts, 1, "fleet-replication", false); // provisioning is what it tests
    } catch (Throwable t) {
      FAILURES.set();
      throw t;
    }
  }

  @AfterAll
  static void tearDown() throws Exception {
    if (hosts != null) {
      hosts.finish(1, !FAILURES.failed());
    }
  }

  @Test
  @Order(1)
  void installedAgentWaitsForItsAddressThenForItsBundleThenServes() throws Exception {
    hosts.awaitActive(1, "redis-fleet-agent.service");
    awaitJournal("--address <this host's address>");
    assertEquals("0", restarts(), "the agent without an address must wait, not crash-loop");

    fleet.configureAgent(1);
    hosts.shOk(1, "restart agent", "systemctl restart redis-fleet-agent");
    awaitJournal("waiting for TLS bundle in /etc/redis-fleet/tls");
    hosts.awaitActive(1, "redis-fleet-agent.service");

    fleet.installBundle(1); // no restart: the waiting agent picks it up
    fleet.awaitAgent(1);
    awaitJournal("serving on 0.0.0.0:7781 with mutual TLS");
    assertEquals("0", restarts());
  }

  @Test
  @Order(2)
  void pairOn6379TakesThePortOverFromTheDistroUnitAndReplicates() throws Exception {
    hosts.awaitActive(1, "redis-server.service");
    String inventory = fleet.inventory("seed-replication.conf", fleet.controllerTls(), "replication.conf").toString();
    JsonObject apply = JsonParser.parseString(ControllerCli.expect(0, "apply", inventory, "--json").out()).getAsJsonObject();
    String takeover = "";
    for (JsonElement step : apply.getAsJsonArray("steps")) {
      JsonObject s = step.getAsJsonObject();
      if (s.has("detail") && s.get("detail").getAsString().contains("redis-server.service")) {
        assertEquals("changed", s.get("result").getAsString(), s.toString());
        takeover = s.get("detail").getAsString();
      }
    }
    assertTrue(takeover.contains("stopped and disabled redis-server.service, which held port 6379"), apply.toString());
    assertEquals("inactive\ndisabled", hosts.sh(1, "systemctl is-active redis-server.service;"
        + " systemctl is-enabled redis-server.service").text().strip());

    assertEquals("master", fleet.redisField(1, 6379, "info replication", "role"));
    assertEquals("up", fleet.redisField(1, 6378, "info replication", "master_link_status"));
    hosts.shOk(1, "write", "redis-cli -p 6379 set tutorial bb");
    String read = "";
    for (int i = 0; i < 50 && !read.equals("bb"); i++) {
      read = hosts.shOk(1, "read replica", "redis-cli -p 6378 get tutorial").strip();
      Thread.sleep(100);
    }
    assertEquals("bb", read, "the replica on 6378 has the master's write");

    JsonObject again = JsonParser.parseString(ControllerCli.expect(0, "apply", inventory, "--json").out()).getAsJsonObject();
    assertEquals(0, again.get("changed").getAsInt(), "nothing left to take over: " + again);
  }

  private static String restarts() throws Exception {
    return hosts.shOk(1, "agent restarts", "systemctl show -p NRestarts --value redis-fleet-agent").strip();
  }

  private static void awaitJournal(String text) throws Exception {
    String journal = "";
    for (int i = 0; i < 120; i++) {
      journal = hosts.shOk(1, "agent journal", "journalctl -b -u redis-fleet-agent --no-pager");
      if (journal.contains(text)) {
        return;
      }
      Thread.sleep(500);
    }
    throw new AssertionError("h1: agent journal never said \"" + text + "\" within 60 s:\n" + journal);
  }
}
