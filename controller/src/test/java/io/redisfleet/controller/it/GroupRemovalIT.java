package io.redisfleet.controller.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nodes dropped from a replication group's inventory: a replica (a copy) is stopped and removed
 * by its agent; a dropped master holding keys is refused until --force, and shown meanwhile by
 * plan and status as an orphan.
 */
class GroupRemovalIT {

  @TempDir
  Path dir;

  GroupFleet fleet;

  @AfterEach
  void stop() {
    if (fleet != null) {
      fleet.close();
    }
  }

  @Test
  void droppedReplicaIsRemovedAndDroppedMasterNeedsForce() throws Exception {
    fleet = new GroupFleet(dir);
    fleet.write(0, 1, 3);
    assertEquals(0, Cli.run("apply", fleet.file()).exit());
    fleet.writeKeys(0, 100);
    long replicaPid = fleet.pid(3);

    fleet.write(0, 1);
    Cli plan = Cli.run("plan", fleet.file());
    assertEquals(2, plan.exit(), plan.toString());
    assertTrue(plan.out().contains(fleet.ref(3)), plan.out());
    Cli apply = Cli.run("apply", fleet.file());
    assertEquals(0, apply.exit(), apply.toString());
    assertTrue(gone(replicaPid), "the dropped replica's redis-server stopped");
    assertEquals(0, Cli.run("plan", fleet.file()).exit());

    long masterPid = fleet.pid(0);
    long lastReplicaPid = fleet.pid(1);
    fleet.write(2); // the group is now only node 2: nodes 0 (master, 100 keys) and 1 (its replica) are orphans
    Cli refused = Cli.run("plan", fleet.file());
    assertEquals(1, refused.exit(), refused.toString());
    assertTrue(refused.out().contains(fleet.ref(0)) && refused.out().contains("--force"), refused.out());
    Cli status = Cli.run("status", fleet.file(), "--json");
    assertTrue(status.out().contains("\"orphan\":true"), status.out());
    Cli partial = Cli.run("apply", fleet.file());
    assertEquals(1, partial.exit(), partial.toString());
    assertTrue(gone(lastReplicaPid), "the orphan replica was removed");
    assertEquals(100, fleet.jedis(0).dbSize(), "the orphan master kept its keys");

    Cli forced = Cli.run("apply", fleet.file(), "--force");
    assertEquals(0, forced.exit(), forced.toString());
    assertTrue(gone(masterPid), "the orphan master was removed with --force");
    assertEquals(0, Cli.run("plan", fleet.file()).exit());
  }

  private static boolean gone(long pid) {
    return ProcessHandle.of(pid).map(p -> !p.isAlive() || TestFleet.exited(pid)).orElse(true);
  }
}
