package io.redisfleet.controller.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rolling server upgrades on real processes. This machine has one redis-server, so the "installed
 * binary" both agents run is a wrapper script: its {@code --version} prints the version written
 * into it and everything else execs the real /usr/bin/redis-server. Installing a wrapper of a
 * higher version over it is what an apt-get upgrade looks like to the agent (a newer installed binary than the one each node's
 * process was started from); the restarts, failovers, replication and the writer are all real.
 * What a wrapper cannot show — a really different server (Redis 6.0, Valkey) — the e2e hosts do.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ServerUpgradeIT {

  @TempDir
  static Path dir;

  static TestFleet fleet;
  static String file;
  static InstalledServer installed;
  static String real;
  static String newer;

  @BeforeAll
  static void start() throws Exception {
    installed = InstalledServer.under(dir.resolve("bin"));
    real = installed.realVersion();
    newer = installed.newer(999);
    fleet = new TestFleet(dir, Optional.of(installed.path()));
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
  void freshFleetConvergesWithNothingToUpgrade() {
    Cli apply = Cli.run("apply", file, "--skip-preflight");
    assertEquals(0, apply.exit(), apply.toString());
    Cli plan = Cli.run("plan", file);
    assertEquals(0, plan.exit(), plan.toString());
  }

  /**
   * A newer installed binary: plan names every node's upgrade; apply rolls them (replicas first,
   * masters failed over first, one at a time) while a writer runs, and loses no acknowledged write.
   */
  @Test
  @Order(2)
  void newerInstalledServerIsRolledOutUnderAWriter() throws Exception {
    Map<Integer, Long> before = new HashMap<>();
    List<Integer> masters = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      before.put(i, fleet.pid(i));
      if (i < 6 && fleet.info(i, "replication", "role").equals("master")) {
        masters.add(i);
      }
    }
    installed.install(newer);
    Cli plan = Cli.run("plan", file);
    assertEquals(2, plan.exit(), plan.toString());
    long upgrades = plan.out().lines().filter(l -> l.contains("restart to upgrade " + real + " → " + newer)).count();
    assertEquals(8, upgrades, plan.out());
    TimedLines progress = new TimedLines();
    Cli apply;
    try (AckedWrites writes = new AckedWrites(fleet, masters, List.of(0, 1, 2, 3, 4, 5))) {
      apply = Cli.run(progress, "apply", file, "--skip-preflight", "--progress", "plain");
      writes.stop();
      assertEquals(0, apply.exit(), apply.toString());
      List<StepWindow> failovers = StepWindow.failovers(progress.lines());
      List<StepWindow> restarts = StepWindow.restarts(progress.lines());
      assertEquals(3, failovers.size(), apply.out());
      assertEquals(8, restarts.size(), apply.out());
      List<String> idle = new ArrayList<>();
      for (StepWindow w : Stream.concat(failovers.stream(), restarts.stream()).toList()) {
        if (writes.acknowledgedBetween(w.start(), w.end()) == 0) {
          idle.add(w.what() + " (" + w.millis() + " ms)");
        }
      }
      System.out.println("ServerUpgradeIT: " + writes.acknowledged() + " acknowledged writes during the upgrade");
      assertEquals(List.of(), idle, "failovers/restarts with no acknowledged write:\n" + apply.out());
      assertEquals(List.of(), writes.lost(), "acknowledged writes lost during the upgrade");
    }
    for (int i = 0; i < 8; i++) {
      assertNotEquals(before.get(i), fleet.pid(i), "node " + i + " was restarted onto the new binary");
    }
    for (int m : masters) {
      assertEquals("slave", fleet.info(m, "replication", "role"), "master " + m + " was failed over first");
    }
    for (int i = 0; i < 6; i++) {
      assertEquals("ok", fleet.clusterInfo(i, "cluster_state"), "node " + i);
    }
    assertEquals("up", fleet.info(7, "replication", "master_link_status"), "the pair still replicates");
    Cli again = Cli.run("plan", file);
    assertEquals(0, again.exit(), "every node now runs " + newer + ":\n" + again);
  }

  /** controller restart --rolling --limit b restarts b's nodes once each and leaves a's alone. */
  @Test
  @Order(3)
  void rollingRestartOnDemandRestartsOnlyTheLimitedHostOnce() {
    Map<Integer, Long> before = new HashMap<>();
    for (int i = 0; i < 8; i++) {
      before.put(i, fleet.pid(i));
    }
    Cli restart = Cli.run("restart", file, "--rolling", "--limit", "b", "--json");
    assertEquals(0, restart.exit(), restart.toString());
    for (int i = 0; i < 8; i++) {
      if (fleet.address(i).equals("127.0.0.2")) {
        assertNotEquals(before.get(i), fleet.pid(i), "node " + i + " on b restarted:\n" + restart);
      } else {
        assertEquals(before.get(i), fleet.pid(i), "node " + i + " on a untouched");
      }
    }
    for (int i = 0; i < 6; i++) {
      assertEquals("ok", fleet.clusterInfo(i, "cluster_state"), "node " + i);
    }
    assertEquals(0, Cli.run("plan", file).exit());
  }

  /** A directive the installed server does not list in its own CONFIG GET * is named by plan, per host. */
  @Test
  @Order(4)
  void directiveTheInstalledServerDoesNotKnowIsRefusedByPlan() throws Exception {
    fleet.writeInventory(", made-up-directive = 1");
    Files.writeString(fleet.inventory, Files.readString(fleet.inventory) + "unchecked-directives = [ \"made-up-directive\" ]\n");
    Cli plan = Cli.run("plan", file);
    assertEquals(1, plan.exit(), plan.toString());
    assertTrue(plan.out().contains("directive \"made-up-directive\" is not known to redis " + newer + " on host a"),
        plan.toString());
    Cli restart = Cli.run("restart", file, "--rolling");
    assertEquals(1, restart.exit(), restart.toString());
    assertTrue(restart.err().contains("not converged"), restart.toString());
    fleet.writeInventory("");
    assertEquals(0, Cli.run("plan", file).exit());
  }
}
