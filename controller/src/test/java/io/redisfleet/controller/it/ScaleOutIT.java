package io.redisfleet.controller.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonParser;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.RedisClusterClient;
import redis.clients.jedis.util.JedisClusterCRC16;

/**
 * Scale out on real nodes: two nodes added to the inventory of a running 6-node cluster join it,
 * the new master gets an even share of the slots by MIGRATE, and no key is lost; a slot left
 * open by an interrupted move is finished by the next apply.
 */
class ScaleOutIT extends FleetCase {

  private static final int KEYS = 5000;


  @Test
  void addedNodesJoinAndTheNewMasterGetsAQuarterOfTheSlotsWithTheirKeys() throws Exception {
    fleet = new TestFleet(dir);
    String file = fleet.inventory.toString();
    assertEquals(0, Cli.run("apply", file).exit());
    try (RedisClusterClient cluster = RedisClusterClient.create(fleet.seeds(List.of(0, 1, 2, 3, 4, 5)))) {
      for (int n = 0; n < KEYS; n++) {
        cluster.set("k:" + n, "v" + n);
      }
    }
    fleet.writeInventory("", 8);
    Cli plan = Cli.run("plan", file);
    assertEquals(2, plan.exit(), plan.toString());
    assertTrue(plan.out().contains("move 256 slot(s)"), plan.out());
    Cli apply = Cli.run("apply", file);
    assertEquals(0, apply.exit(), apply.toString());

    List<Integer> nodes = List.of(0, 1, 2, 3, 4, 5, 8, 9);
    Map<String, Integer> slotsOf = new HashMap<>();
    Map<String, String> masterOf = new HashMap<>();
    for (int node : nodes) { // each node's own line: peers learn a new replica by gossip, later
      try (Jedis j = fleet.jedis(node)) {
        String line = j.clusterNodes().lines().filter(l -> l.contains("myself")).findFirst().orElseThrow();
        String[] w = line.split(" ");
        if (w[2].contains("master")) {
          int slots = 0;
          for (int i = 8; i < w.length; i++) {
            assertFalse(w[i].startsWith("["), "no slot left open: " + line);
            String[] r = w[i].split("-");
            slots += r.length == 1 ? 1 : Integer.parseInt(r[1]) - Integer.parseInt(r[0]) + 1;
          }
          slotsOf.put(w[0], slots);
        } else {
          masterOf.put(w[0], w[3]);
        }
      }
    }
    assertEquals(4, slotsOf.size(), slotsOf + "\n" + apply.out());
    slotsOf.values().forEach(n -> assertTrue(n >= 4095 && n <= 4097, "even split: " + slotsOf));
    assertEquals(slotsOf.keySet(), new HashSet<>(masterOf.values()), "every master has a replica: " + masterOf);
    for (int i : nodes) {
      assertEquals("ok", fleet.clusterInfo(i, "cluster_state"), "node " + i);
      if (fleet.info(i, "replication", "role").equals("slave")) {
        assertEquals("up", fleet.info(i, "replication", "master_link_status"), "replica " + i);
      }
    }
    try (RedisClusterClient cluster = RedisClusterClient.create(fleet.seeds(List.of(0, 1, 2, 3, 4, 5, 8, 9)))) {
      List<String> lost = new ArrayList<>();
      for (int n = 0; n < KEYS; n++) {
        if (!("v" + n).equals(cluster.get("k:" + n))) {
          lost.add("k:" + n);
        }
      }
      assertEquals(List.of(), lost, "keys lost by the scale out");
    }

    Cli again = Cli.run("apply", file, "--json");
    assertEquals(0, again.exit(), again.toString());
    assertEquals(0, JsonParser.parseString(again.out()).getAsJsonObject().get("changed").getAsInt(), again.out());
    assertEquals(0, Cli.run("plan", file).exit());
    Cli verify = Cli.run("verify", file);
    assertEquals(0, verify.exit(), verify.toString());
  }

  @Test
  void slotLeftOpenByAnInterruptedMoveIsFinishedByTheNextApply() throws Exception {
    fleet = new TestFleet(dir);
    String file = fleet.inventory.toString();
    assertEquals(0, Cli.run("apply", file).exit());
    int slot = JedisClusterCRC16.getSlot("{open}");
    try (RedisClusterClient cluster = RedisClusterClient.create(fleet.seeds(List.of(0, 1, 2, 3, 4, 5)))) {
      for (int n = 0; n < 50; n++) {
        cluster.set("{open}" + n, "v" + n);
      }
    }
    int source = -1;
    int target = -1;
    Map<Integer, String> ids = new HashMap<>();
    for (int i = 0; i < 6; i++) {
      if (!fleet.info(i, "replication", "role").equals("master")) {
        continue;
      }
      try (Jedis j = fleet.jedis(i)) {
        ids.put(i, j.clusterMyId());
        if (j.clusterCountKeysInSlot(slot) > 0) {
          source = i;
        } else if (target < 0) {
          target = i;
        }
      }
    }
    assertTrue(source >= 0 && target >= 0, "found the slot's owner and another master");
    try (Jedis t = fleet.jedis(target); Jedis s = fleet.jedis(source)) {
      t.clusterSetSlotImporting(slot, ids.get(source));
      s.clusterSetSlotMigrating(slot, ids.get(target));
      // as if killed after the first key moved
      s.migrate(fleet.address(target), fleet.ports.get(target), "{open}0", 0, 5000);
    }
    Cli plan = Cli.run("plan", file);
    assertEquals(2, plan.exit(), plan.toString());
    assertTrue(plan.out().contains("interrupted move"), plan.out());
    Cli apply = Cli.run("apply", file);
    assertEquals(0, apply.exit(), apply.toString());
    for (int i = 0; i < 6; i++) {
      try (Jedis j = fleet.jedis(i)) {
        assertFalse(j.clusterNodes().contains("["), "node " + i + " has no open slot:\n" + j.clusterNodes());
      }
    }
    try (Jedis t = fleet.jedis(target)) {
      assertEquals(50, t.clusterCountKeysInSlot(slot), "every key of the slot is on its new owner");
    }
    try (RedisClusterClient cluster = RedisClusterClient.create(fleet.seeds(List.of(0, 1, 2, 3, 4, 5)))) {
      for (int n = 0; n < 50; n++) {
        assertEquals("v" + n, cluster.get("{open}" + n));
      }
    }
    assertEquals(0, Cli.run("plan", file).exit());
  }
}
