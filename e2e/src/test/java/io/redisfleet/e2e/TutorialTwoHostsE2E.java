package io.redisfleet.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The tutorial's cluster for real: inventory/seed-two-hosts.conf (rewritten to two nspawn hosts
 * with the .debs installed) applied by the controller from outside over mutual TLS; 3 masters and
 * 3 replicas on 7000-7005, no replica on its master's host, the data check passes. Then: apply
 * again changes and restarts nothing; a rebooted host comes back whole; a controller certificate
 * from another CA is refused. Ordered: each test builds on the fleet the previous one left.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TutorialTwoHostsE2E {

  /** {host, port} of every node, as the seed places them. */
  static final int[][] NODES = {{1, 7000}, {1, 7001}, {1, 7002}, {2, 7003}, {2, 7004}, {2, 7005}};

  @RegisterExtension
  static final FailureFlag FAILURES = new FailureFlag();

  static Hosts hosts;
  static Fleet fleet;
  static String inventory;

  @BeforeAll
  static void bootTwoProvisionedHosts() throws Exception {
    E2eGate.require(Hosts.unsupportedReason());
    hosts = new Hosts(Hosts.projectRoot());
    try {
      fleet = Fleet.bootProvisioned(hosts, 2, "fleet-tutorial");
      inventory = fleet.inventory("seed-two-hosts.conf", fleet.controllerTls(), "two-hosts.conf").toString();
    } catch (Throwable t) {
      FAILURES.set();
      throw t;
    }
  }

  @AfterAll
  static void tearDown() throws Exception {
    if (hosts != null) {
      hosts.finish(2, !FAILURES.failed());
    }
  }

  @Test
  @Order(1)
  void applyCreatesTheTutorialClusterAcrossBothHosts() throws Exception {
    ControllerCli.expect(0, "validate", inventory);
    JsonObject apply = json(ControllerCli.expect(0, "apply", inventory, "--json"));
    assertEquals(0, apply.get("failed").getAsInt(), apply.toString());
    assertTrue(apply.get("changed").getAsInt() >= 6, apply.toString());
    for (int[] n : NODES) {
      assertEquals("ok", fleet.redisField(n[0], n[1], "cluster info", "cluster_state"), "h" + n[0] + ":" + n[1]);
      assertEquals("6", fleet.redisField(n[0], n[1], "cluster info", "cluster_known_nodes"), "h" + n[0] + ":" + n[1]);
    }
    JsonObject status = json(ControllerCli.expect(0, "status", inventory, "--json"));
    Map<String, Integer> roles = new HashMap<>();
    for (JsonElement e : status.getAsJsonArray("nodes")) {
      JsonObject node = e.getAsJsonObject();
      roles.merge(node.get("role").getAsString(), 1, Integer::sum);
      if (node.get("role").getAsString().equals("replica")) {
        String masterHost = node.get("master").getAsString().split(":")[0]; // the inventory's name (h1), as status says it
        assertNotEquals(node.get("host").getAsString(), masterHost, "replica on its master's host: " + node);
      }
    }
    assertEquals(Map.of("master", 3, "replica", 3), roles, status.toString());
    ControllerCli.expect(0, "verify", inventory);
    assertEquals("root:redis 640", hosts.shOk(2, "conf mode", "stat -c '%U:%G %a' /etc/redis-fleet/nodes/7003.conf").strip());
    assertEquals("root:redis 750", hosts.shOk(2, "conf dir mode", "stat -c '%U:%G %a' /etc/redis-fleet/nodes").strip());
    assertTrue(hosts.shOk(2, "node log", "journalctl -b -u redis-fleet@7003 --no-pager").contains("Ready to accept"),
        "node logs go to the journal");
  }

  @Test
  @Order(2)
  void secondApplyChangesNothingAndRestartsNoUnit() throws Exception {
    Map<String, String> before = unitStarts();
    JsonObject apply = json(ControllerCli.expect(0, "apply", inventory, "--json"));
    assertEquals(0, apply.get("changed").getAsInt(), apply.toString());
    assertEquals(before, unitStarts(), "a unit was restarted by an apply with nothing to do");
    ControllerCli.expect(0, "plan", inventory);
  }

  @Test
  @Order(3)
  void rebootedHostComesBackWholeAndTheNextApplyChangesNothing() throws Exception {
    hosts.reboot(2);
    for (int port = 7003; port <= 7005; port++) {
      hosts.awaitActive(2, "redis-fleet@" + port + ".service");
    }
    fleet.awaitAgent(2);
    fleet.awaitClusterOk(NODES, Duration.ofSeconds(60));
    JsonObject apply = json(ControllerCli.expect(0, "apply", inventory, "--json"));
    assertEquals(0, apply.get("changed").getAsInt(), apply.toString());
    ControllerCli.expect(0, "verify", inventory);
  }

  @Test
  @Order(4)
  void tlsRefusalsNameTheHostAndTheReason() throws Exception {
    String foreignCert = fleet.inventory("seed-two-hosts.conf", fleet.controllerTlsSignedByAnotherCa(),
        "foreign-cert.conf").toString();
    String byAgents = refusal(foreignCert);
    for (String host : new String[] {"h1", "h2"}) {
      assertTrue(byAgents.contains("host " + host + ": unreachable") && byAgents.contains(
          "TLS handshake failed: agent refused the controller certificate: not signed by the agent's fleet CA"), byAgents);
    }
    String otherFleet = fleet.inventory("seed-two-hosts.conf", fleet.otherFleetsControllerTls(), "other-fleet.conf").toString();
    String byController = refusal(otherFleet);
    assertTrue(byController.contains("host h1: unreachable")
        && byController.contains("TLS handshake failed: certificate not signed by the fleet CA"), byController);
    JsonObject unchanged = json(ControllerCli.expect(0, "apply", inventory, "--json"));
    assertEquals(0, unchanged.get("changed").getAsInt(), "refused controllers changed nothing: " + unchanged);
  }

  /**
   * The agent unit's hardening, measured where it runs: every test before this one (create,
   * verify, an idempotent apply, a reboot) ran under it, so its restrictions cost no feature.
   */
  @Test
  @Order(5)
  void agentUnitExposureIsAtMostThreePointFive() throws Exception {
    for (int host = 1; host <= 2; host++) {
      String report = hosts.shOk(host, "systemd-analyze security",
          "systemd-analyze security --no-pager redis-fleet-agent.service");
      java.util.regex.Matcher m = java.util.regex.Pattern
          .compile("Overall exposure level for redis-fleet-agent\\.service: (\\d+\\.\\d+)").matcher(report);
      assertTrue(m.find(), report);
      double exposure = Double.parseDouble(m.group(1));
      System.out.println("h" + host + ": redis-fleet-agent.service exposure " + exposure);
      assertTrue(exposure <= 3.5, "h" + host + ": exposure " + exposure + " above 3.5:\n" + report);
    }
    ControllerCli.expect(0, "verify", inventory);
  }

  /**
   * The kernel settings ship in the agent .deb and its postinst applies them where the host allows.
   * On these nspawn hosts /proc/sys (net.* included, as seen 2026-12-02) and /sys are read-only: then
   * the files must be installed and the postinst must still exit 0; where writable, the values must
   * be the shipped ones. Nodes keep running (the postinst never touches them).
   */
  @Test
  @Order(6)
  void kernelSettingsShipInTheAgentPackageAndThePostinstAppliesThemWhereAllowed() throws Exception {
    String sysctl = hosts.shOk(1, "sysctl.d file", "cat /usr/lib/sysctl.d/60-redis-fleet.conf");
    assertTrue(sysctl.contains("vm.overcommit_memory = 1") && sysctl.contains("net.core.somaxconn = 4096"), sysctl);
    String thp = hosts.shOk(1, "tmpfiles.d file", "cat /usr/lib/tmpfiles.d/redis-fleet-thp.conf");
    assertTrue(thp.contains("w /sys/kernel/mm/transparent_hugepage/enabled - - - - never"), thp);
    assertTrue(hosts.shOk(1, "package files", "dpkg -L redis-fleet-agent").contains("/usr/lib/tmpfiles.d/redis-fleet-thp.conf"));
    boolean netWritable = hosts.sh(1, "test -w /proc/sys/net/core/somaxconn").exitCode() == 0;
    if (netWritable) {
      hosts.shOk(1, "lower somaxconn", "echo 128 > /proc/sys/net/core/somaxconn");
    }
    String postinst = hosts.shOk(1, "postinst configure", "/var/lib/dpkg/info/redis-fleet-agent.postinst configure 2>&1");
    System.out.println("h1: postinst configure said:\n" + postinst);
    boolean vmWritable = hosts.sh(1, "test -w /proc/sys/vm/overcommit_memory").exitCode() == 0;
    // procps (sysctl) is not in the hosts' base image: the /proc/sys file is what `sysctl -n` reads.
    String overcommit = hosts.shOk(1, "overcommit", "cat /proc/sys/vm/overcommit_memory").strip();
    if (vmWritable) {
      assertEquals("1", overcommit, "the postinst applies the shipped sysctl.d file");
    } // else read-only: systemd-sysctl skips EROFS, the postinst exited 0 all the same (shOk)
    if (netWritable) {
      assertEquals("4096", hosts.shOk(1, "somaxconn", "cat /proc/sys/net/core/somaxconn").strip(),
          "the postinst applied the shipped sysctl.d file's net.core.somaxconn");
    }
    System.out.println("h1: /proc/sys/vm writable " + vmWritable + " (overcommit " + overcommit
        + "), /proc/sys/net writable " + netWritable);
    ControllerCli.expect(0, "verify", inventory);
  }

  /** What an apply that must fail printed, echoed for the test log. */
  private static String refusal(String inventoryFile) {
    ControllerCli refused = ControllerCli.expect(1, "apply", inventoryFile);
    String said = refused.out() + refused.err();
    System.out.println("refusal as the operator sees it (" + inventoryFile + "):\n" + said);
    return said;
  }

  private static Map<String, String> unitStarts() throws Exception {
    Map<String, String> starts = new HashMap<>();
    for (int[] n : NODES) {
      starts.put("h" + n[0] + ":" + n[1], fleet.unitStart(n[0], n[1]));
    }
    return starts;
  }

  private static JsonObject json(ControllerCli cli) {
    return JsonParser.parseString(cli.out()).getAsJsonObject();
  }
}
