package io.redisfleet.controller.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonParser;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;

/**
 * Moving a replication group's master (no persistence, so a node restarted empty would show):
 * the new master takes over by a coordinated handover, every key written before survives, and
 * so does every write a client saw acknowledged while the move ran; the apply ends converged.
 */
class GroupMasterMoveIT {

  private static final int KEYS = 2000;

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
  void masterMovesToItsReplicaWithoutLosingAnAcknowledgedWrite() throws Exception {
    fleet = new GroupFleet(dir);
    fleet.write(0, 1);
    assertEquals(0, Cli.run("apply", fleet.file()).exit());
    fleet.writeKeys(0, KEYS);

    fleet.write(1, 0);
    Cli plan = Cli.run("plan", fleet.file());
    assertEquals(2, plan.exit(), plan.toString());
    assertTrue(plan.out().contains("FAILOVER TO"), plan.out());
    Writer writer = new Writer(fleet, 0);
    writer.start();
    Cli apply = Cli.run("apply", fleet.file());
    List<String> acked = writer.finish();
    assertEquals(0, apply.exit(), apply.toString());
    assertNode1TookOverWithEveryWrite(acked);
    assertConverged();
  }

  /**
   * A server without FAILOVER (Redis 6.0: the wrapper says 6.0.16 and renames FAILOVER away): the
   * controller fences the master's writes, promotes the caught-up replica, re-points the old master
   * (which lifts its fence); no acknowledged write is lost and the old master is left without a fence.
   */
  @Test
  void withoutFailoverTheMasterIsFencedTheReplicaPromotedAndNoAcknowledgedWriteLost() throws Exception {
    InstalledServer server = InstalledServer.under(dir.resolve("bin"));
    server.installWithoutFailover();
    fleet = new GroupFleet(dir, java.util.Optional.of(server.path()));
    fleet.write(0, 1);
    assertEquals(0, Cli.run("apply", fleet.file()).exit());
    fleet.writeKeys(0, KEYS);
    try (Jedis j = fleet.jedis(0)) {
      assertTrue(j.sendCommand(redis.clients.jedis.Protocol.Command.COMMAND, "INFO", "FAILOVER").toString()
          .contains("null"), "FAILOVER renamed away");
    }

    fleet.write(1, 0);
    Cli plan = Cli.run("plan", fleet.file());
    assertEquals(2, plan.exit(), plan.toString());
    assertTrue(plan.out().contains("fence the writes of " + fleet.ref(0)) && !plan.out().contains("FAILOVER TO"),
        plan.out());
    Writer writer = new Writer(fleet, 0);
    writer.start();
    Cli apply = Cli.run("apply", fleet.file());
    List<String> acked = writer.finish();
    assertEquals(0, apply.exit(), apply.toString());
    assertTrue(apply.out().contains("REPLICAOF NO ONE"), apply.out());
    assertNode1TookOverWithEveryWrite(acked);
    try (Jedis j = fleet.jedis(1)) {
      assertEquals("OK", j.set("after", "x"), "the new master takes writes");
    }
    try (Jedis j = fleet.jedis(0)) {
      assertEquals("0", j.configGet("min-replicas-to-write").get("min-replicas-to-write"), "fence lifted");
    }
    assertConverged();
  }

  @Test
  void masterMovesToAFreshNodeThatFirstCopiesTheData() throws Exception {
    fleet = new GroupFleet(dir);
    fleet.write(0, 1);
    assertEquals(0, Cli.run("apply", fleet.file()).exit());
    fleet.writeKeys(0, KEYS);

    fleet.write(2, 0, 1);
    Cli plan = Cli.run("plan", fleet.file());
    assertEquals(2, plan.exit(), plan.toString());
    assertTrue(plan.out().contains("FAILOVER TO"), plan.out());
    Cli apply = Cli.run("apply", fleet.file());
    assertEquals(0, apply.exit(), apply.toString());

    assertEquals("master", fleet.info(2, "role"));
    for (int replica : List.of(0, 1)) {
      assertEquals("slave", fleet.info(replica, "role"), "node " + replica);
      assertEquals(String.valueOf(fleet.ports.get(2)), fleet.info(replica, "master_port"), "node " + replica);
    }
    assertEquals(List.of(), fleet.missing(2, KEYS), "keys lost on the new master");
    assertConverged();
  }

  @Test
  void masterMovedAndOldMasterDroppedIsHandedOverThenRemoved() throws Exception {
    fleet = new GroupFleet(dir);
    fleet.write(0, 1);
    assertEquals(0, Cli.run("apply", fleet.file()).exit());
    fleet.writeKeys(0, KEYS);
    long oldMaster = fleet.pid(0);

    fleet.write(1); // node 0 is gone from the inventory: its role goes to node 1 first, then it is removed
    Cli apply = Cli.run("apply", fleet.file());
    assertEquals(0, apply.exit(), apply.toString());
    assertTrue(apply.out().contains("FAILOVER TO") && apply.out().contains("remove " + fleet.ref(0)), apply.out());
    assertEquals("master", fleet.info(1, "role"));
    assertEquals(List.of(), fleet.missing(1, KEYS), "keys lost on the new master");
    assertTrue(ProcessHandle.of(oldMaster).map(p -> !p.isAlive() || TestFleet.exited(oldMaster)).orElse(true),
        "the old master was removed once it was a replica");
    assertConverged();
  }

  /** Node 1 is master, node 0 its replica, and node 1 has every preloaded key and every acknowledged write. */
  private void assertNode1TookOverWithEveryWrite(List<String> acked) {
    assertEquals("master", fleet.info(1, "role"));
    assertEquals("slave", fleet.info(0, "role"));
    assertEquals(String.valueOf(fleet.ports.get(1)), fleet.info(0, "master_port"));
    assertEquals(List.of(), fleet.missing(1, KEYS), "keys lost on the new master");
    try (Jedis j = fleet.jedis(1)) {
      List<String> lost = acked.stream().filter(k -> !"x".equals(j.get(k))).toList();
      assertEquals(List.of(), lost, "acknowledged writes lost (" + acked.size() + " acknowledged)");
    }
  }

  private void assertConverged() {
    Cli again = Cli.run("apply", fleet.file(), "--json");
    assertEquals(0, again.exit(), again.toString());
    assertEquals(0, JsonParser.parseString(again.out()).getAsJsonObject().get("changed").getAsInt(), again.out());
    Cli plan = Cli.run("plan", fleet.file());
    assertEquals(0, plan.exit(), plan.toString());
  }

  /** Writes w:N to one node until stopped, remembering every write the node acknowledged. */
  private static final class Writer extends Thread {
    private final GroupFleet fleet;
    private final int node;
    private final AtomicBoolean stop = new AtomicBoolean();
    private final List<String> acked = new ArrayList<>();

    Writer(GroupFleet fleet, int node) {
      this.fleet = fleet;
      this.node = node;
      setDaemon(true);
    }

    @Override
    public void run() {
      for (int n = 0; !stop.get(); n++) {
        try (Jedis j = fleet.jedis(node)) {
          if ("OK".equals(j.set("w:" + n, "x"))) {
            acked.add("w:" + n);
          }
        } catch (RuntimeException e) {
          // refused (READONLY after the move) or not answering: not acknowledged
        }
      }
    }

    List<String> finish() throws InterruptedException {
      stop.set(true);
      join(10_000);
      return acked;
    }
  }
}
