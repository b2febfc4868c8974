package io.redisfleet.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The .debs as an operator meets them on one real host: the agent's journal lines carry their
 * priority and a stop is clean; man pages and completions are installed (lintian has no
 * no-manual-page); a reinstall leaves a serving node's PID alone; removing or purging the agent
 * while a node serves is refused and leaves it serving, and only an explicit
 * REDIS_FLEET_STOP_NODES=yes stops it; purge then keeps the node's data.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OperatorPackagingE2E {

  @RegisterExtension
  static final FailureFlag FAILURES = new FailureFlag();

  private static final String NODE = "redis-fleet@7100.service";
  static Hosts hosts;

  @BeforeAll
  static void bootOneHost() throws Exception {
    E2eGate.require(Hosts.unsupportedReason());
    hosts = new Hosts(Hosts.projectRoot());
    try {
      hosts.start(1);
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
  void agentJournalHasPrioritiesAndAStopIsClean() throws Exception {
    hosts.awaitActive(1, "redis-fleet-agent.service");
    // as installed, the agent has no address yet: it says so as an error and waits
    String errors = awaitJournal("-p err", "--address <this host's address>");
    assertTrue(errors.lines().allMatch(l -> !l.contains(" INFO ")), "only err and worse with -p err:\n" + errors);
    hosts.shOk(1, "restart", "systemctl restart redis-fleet-agent");
    hosts.awaitActive(1, "redis-fleet-agent.service");
    hosts.shOk(1, "stop", "systemctl stop redis-fleet-agent");
    assertEquals("success", hosts.shOk(1, "result", "systemctl show -p Result --value redis-fleet-agent").strip());
    String journal = hosts.shOk(1, "journal", "journalctl -u redis-fleet-agent --no-pager");
    assertTrue(!journal.contains("Failed with result"), "a stop or restart is no failure:\n" + journal);
    hosts.shOk(1, "start", "systemctl start redis-fleet-agent");
  }

  @Test
  @Order(2)
  void manPagesAndCompletionsAreInstalledAndLintianWantsNoMore() throws Exception {
    for (String f : new String[] {"/usr/share/man/man1/controller.1.gz", "/usr/share/man/man1/redis-fleet-agent.1.gz",
        "/usr/share/bash-completion/completions/controller", "/usr/share/bash-completion/completions/redis-fleet-agent"}) {
      hosts.shOk(1, "installed " + f, "test -s " + f);
    }
    assertTrue(hosts.shOk(1, "man page", "zcat /usr/share/man/man1/controller.1.gz").contains(".SS controller apply"));
    if (!Files.isExecutable(Path.of("/usr/bin/lintian"))) {
      return; // PackagesLintE2E demands lintian and says so; the installed files are checked above
    }
    Path target = Hosts.projectRoot().resolve("packaging/target");
    for (String deb : new String[] {"redis-fleet-agent_0.1.0_all.deb", "redis-fleet-controller_0.1.0_all.deb"}) {
      Process p = new ProcessBuilder("lintian", "--tag-display-limit", "0", target.resolve(deb).toString())
          .redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(p.waitFor(5, TimeUnit.MINUTES), "lintian timed out on " + deb);
      System.out.println("lintian " + deb + ":\n" + out);
      assertTrue(!out.contains("no-manual-page") && out.lines().noneMatch(l -> l.startsWith("E:")), out);
    }
  }

  @Test
  @Order(3)
  void reinstallKeepsTheNodeAndRemovalWhileItServesIsRefused() throws Exception {
    hosts.shOk(1, "node by hand", "install -d -o redis -g redis -m 0750 /var/lib/redis-fleet/7100"
        + " && printf 'port 7100\\nbind 127.0.0.1\\ndir /var/lib/redis-fleet/7100\\n' > /etc/redis-fleet/nodes/7100.conf"
        + " && chown root:redis /etc/redis-fleet/nodes/7100.conf && chmod 0640 /etc/redis-fleet/nodes/7100.conf"
        + " && systemctl start " + NODE);
    hosts.awaitActive(1, NODE);
    String pid = pid();
    hosts.shOk(1, "reinstall", "dpkg -i /debs/redis-fleet-agent_*_all.deb");
    assertEquals(pid, pid(), "a reinstall restarts only the agent");

    for (String verb : new String[] {"remove", "purge"}) {
      Hosts.Output refused = hosts.sh(1, "apt-get " + verb + " -y redis-fleet-agent");
      assertNotEquals(0, refused.exitCode(), verb + " must be refused:\n" + refused.text());
      assertTrue(refused.text().contains("refusing to remove") && refused.text().contains(NODE), refused.text());
      assertEquals(pid, pid(), "the node serves on, untouched, after a refused " + verb);
      hosts.shOk(1, "unit kept", "test -f /lib/systemd/system/redis-fleet@.service"
          + " && test -f /etc/redis-fleet/nodes/7100.conf");
      assertTrue(hosts.shOk(1, "still installed", "dpkg-query -W -f='${Status}' redis-fleet-agent")
          .contains("install ok installed"));
    }
  }

  @Test
  @Order(4)
  void explicitStopRemovesAndPurgeKeepsTheData() throws Exception {
    String removed = hosts.shOk(1, "remove", "REDIS_FLEET_STOP_NODES=yes apt-get remove -y redis-fleet-agent 2>&1");
    assertTrue(removed.contains("stopping " + NODE), removed);
    assertEquals("inactive", hosts.sh(1, "systemctl is-active " + NODE).text().strip());
    hosts.shOk(1, "purge", "apt-get purge -y redis-fleet-agent");
    hosts.shOk(1, "confs gone, data kept", "test ! -e /etc/redis-fleet && test -d /var/lib/redis-fleet/7100");
  }

  private static String pid() throws Exception {
    String pid = hosts.shOk(1, "pid", "systemctl show -p MainPID --value " + NODE).strip();
    assertNotEquals("0", pid, NODE + " not running");
    return pid;
  }

  /** Waits (30 s at most) until the agent's journal at {@code priority} has {@code text}; returns it. */
  private static String awaitJournal(String priority, String text) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    String journal = "";
    while (System.nanoTime() < deadline) {
      journal = hosts.sh(1, "journalctl -u redis-fleet-agent " + priority + " -o cat --no-pager").text();
      if (journal.contains(text)) {
        return journal;
      }
      Thread.sleep(300);
    }
    throw new AssertionError("h1: journal " + priority + " never said '" + text + "':\n" + journal);
  }
}
