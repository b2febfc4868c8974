package io.redisfleet.controller.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.RedisClusterClient;
import redis.clients.jedis.util.JedisClusterCRC16;

/**
 * Issue #8.3 on real nodes: a shard whose only member was on a host lost for good (state = gone).
 * Three loopback hosts with one master each (replicas 0); c's agent and node die. Declared gone,
 * with a replacement node on a, apply refuses to invent the lost shard's slots (exit 1 naming
 * them; the survivors' keys untouched), plan shows it; only apply --force has every member forget
 * the dead master and serves its slots again, empty: cluster_state ok everywhere, the survivors'
 * keys all there, the next plan has nothing to do.
 */
class LostShardIT {

  private static final int KEYS = 1500;

  @TempDir
  static Path dir;

  static Agents agents;
  static int[] ports;
  static Path inventory;
  static int agentA;
  static int agentB;
  static int agentC;

  @BeforeAll
  static void start() throws Exception {
    agents = new Agents(dir);
    List<Integer> picked = FreePorts.pick(4); // a, b, c, then the replacement on a
    ports = picked.stream().mapToInt(Integer::intValue).toArray();
    agentA = agents.start("a", "127.0.0.1");
    agentB = agents.start("b", "127.0.0.2");
    agentC = agents.start("c", "127.0.0.3");
    inventory = dir.resolve("fleet.conf");
    write("active", "\"c:" + ports[2] + "\"");
    Cli apply = Cli.run("apply", inventory.toString());
    assertEquals(0, apply.exit(), apply.toString());
    try (RedisClusterClient cluster = RedisClusterClient.create(Set.of(new HostAndPort("127.0.0.1", ports[0])))) {
      for (int n = 0; n < KEYS; n++) {
        cluster.set("k:" + n, "v" + n);
      }
    }
  }

  @AfterAll
  static void stop() {
    if (agents != null) {
      Cli.run("destroy", inventory.toString(), "--force");
      agents.close();
    }
  }

  @Test
  void aShardLostWithItsHostIsReportedAndServedAgainEmptyOnlyWithForce() throws Exception {
    String deadId;
    Set<Integer> lostSlots = new HashSet<>();
    try (Jedis c = new Jedis("127.0.0.3", ports[2], 3000)) {
      deadId = c.clusterMyId();
      String me = c.clusterNodes().lines().filter(l -> l.contains("myself")).findFirst().orElseThrow();
      String[] fields = me.split(" ");
      for (int i = 8; i < fields.length; i++) {
        String[] range = fields[i].split("-");
        int from = Integer.parseInt(range[0]);
        int to = range.length > 1 ? Integer.parseInt(range[1]) : from;
        for (int s = from; s <= to; s++) {
          lostSlots.add(s);
        }
      }
      long pid = Long.parseLong(c.info("server").lines().filter(l -> l.startsWith("process_id:")).findFirst()
          .orElseThrow().substring("process_id:".length()).trim());
      agents.stop("c");
      ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
      awaitTrue(() -> TestFleet.exited(pid), "c's node is gone");
    }
    awaitTrue(() -> flags(ports[0], deadId).contains("fail") && !flags(ports[0], deadId).contains("fail?"),
        "a marks c's master failed");
    write("gone", "\"a:" + ports[3] + "\"");

    Cli plan = Cli.run("plan", inventory.toString(), "--json");
    assertEquals(1, plan.exit(), plan.toString());
    assertTrue(plan.out().contains("lost"), "plan names the lost shard: " + plan.out());
    Cli refused = Cli.run("apply", inventory.toString(), "--json");
    assertEquals(1, refused.exit(), refused.toString());
    JsonObject json = JsonParser.parseString(refused.out()).getAsJsonObject();
    assertTrue(json.getAsJsonArray("problems").toString().contains("lost"), refused.out());
    assertTrue(flags(ports[0], deadId).contains("fail"), "without --force the dead master is not forgotten");
    assertEquals(lostSlots.size(), unserved(ports[0]), "without --force nobody serves the lost slots");

    Cli forced = Cli.run("apply", inventory.toString(), "--force");
    assertEquals(0, forced.exit(), forced.toString());
    for (int i : new int[] {0, 1, 3}) {
      String address = i == 1 ? "127.0.0.2" : "127.0.0.1";
      try (Jedis j = new Jedis(address, ports[i], 3000)) {
        assertFalse(j.clusterNodes().contains(deadId), "node " + i + " forgot the dead master:\n" + j.clusterNodes());
        assertTrue(j.clusterInfo().contains("cluster_state:ok"), "node " + i + ":\n" + j.clusterInfo());
      }
    }
    assertEquals(0, unserved(ports[0]), "every slot is served again");
    try (RedisClusterClient cluster = RedisClusterClient.create(Set.of(new HostAndPort("127.0.0.1", ports[0])))) {
      for (int n = 0; n < KEYS; n++) {
        String key = "k:" + n;
        String expected = lostSlots.contains(JedisClusterCRC16.getSlot(key)) ? null : "v" + n;
        assertEquals(expected, cluster.get(key), key + " (slot " + JedisClusterCRC16.getSlot(key) + ")");
      }
    }
    Cli again = Cli.run("plan", inventory.toString());
    assertEquals(0, again.exit(), again.toString());
  }

  /** The cluster-nodes flags of {@code id} in the view of the node on a's port. */
  private static String flags(int port, String id) {
    try (Jedis j = new Jedis("127.0.0.1", port, 3000)) {
      return j.clusterNodes().lines().filter(l -> l.startsWith(id)).findFirst().map(l -> l.split(" ")[2]).orElse("");
    }
  }

  /** Slots no node serves in the view of the node on a's port. */
  private static int unserved(int port) {
    try (Jedis j = new Jedis("127.0.0.1", port, 3000)) {
      String info = j.clusterInfo();
      int ok = info.lines().filter(l -> l.startsWith("cluster_slots_assigned:")).findFirst()
          .map(l -> Integer.parseInt(l.substring("cluster_slots_assigned:".length()).trim())).orElseThrow();
      String dead = j.clusterNodes().lines().filter(l -> l.contains("fail") && !l.contains("fail?"))
          .map(l -> l.split(" ")).filter(f -> f.length > 8).map(f -> f[0]).findFirst().orElse("");
      return 16384 - ok + (dead.isEmpty() ? 0 : servedBy(j, dead));
    }
  }

  private static int servedBy(Jedis j, String id) {
    String line = j.clusterNodes().lines().filter(l -> l.startsWith(id)).findFirst().orElse("");
    String[] fields = line.split(" ");
    int n = 0;
    for (int i = 8; i < fields.length; i++) {
      String[] range = fields[i].split("-");
      n += range.length > 1 ? Integer.parseInt(range[1]) - Integer.parseInt(range[0]) + 1 : 1;
    }
    return n;
  }

  private static void write(String cState, String thirdNode) throws IOException {
    Files.writeString(inventory, String.join("\n",
        "defaults.redis { cluster-node-timeout = 2000, appendonly = yes }",
        "hosts {",
        "  a { address = \"127.0.0.1\", agent-port = " + agentA + " }",
        "  b { address = \"127.0.0.2\", agent-port = " + agentB + " }",
        "  c { address = \"127.0.0.3\", agent-port = " + agentC + ", state = " + cState + " }",
        "}",
        "clusters.main { replicas = 0, nodes = [ \"a:" + ports[0] + "\", \"b:" + ports[1] + "\", " + thirdNode + " ] }",
        ""));
  }

  private static void awaitTrue(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting until " + what);
      }
      Thread.sleep(100);
    }
  }
}
