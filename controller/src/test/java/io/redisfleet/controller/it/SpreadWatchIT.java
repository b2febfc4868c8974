package io.redisfleet.controller.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;

/**
 * Issue #8 parts 4 and 5 on three loopback "hosts" (127.0.0.1-3, one rack each) running a
 * 3-master cluster: a failover that leaves one host with two masters is reported by status and
 * undone by apply (coordinated CLUSTER FAILOVER under writes, none lost); then {@code apply
 * --watch} as its own JVM heals a killed node and an edited conf, and stops on SIGTERM with exit
 * 0 and the fleet lock released.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SpreadWatchIT {

  @TempDir
  static Path dir;

  static Agents agents;
  static List<Integer> ports;
  static String file;

  @BeforeAll
  static void start() throws Exception {
    agents = new Agents(dir);
    ports = FreePorts.pick(6);
    List<String> hosts = new ArrayList<>();
    for (int h = 0; h < 3; h++) {
      String name = String.valueOf((char) ('a' + h));
      int agentPort = agents.start(name, address(2 * h));
      hosts.add("  " + name + " { address = \"" + address(2 * h) + "\", agent-port = " + agentPort
          + ", labels.rack = \"r" + (h + 1) + "\" }");
    }
    List<String> nodes = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      nodes.add("\"" + host(i) + ":" + ports.get(i) + "\"");
    }
    Path inventory = dir.resolve("fleet.conf");
    Files.writeString(inventory, String.join("\n",
        "defaults.redis { cluster-node-timeout = 5000, appendonly = yes }",
        "hosts {", String.join("\n", hosts), "}",
        "clusters.main { replicas = 1, nodes = [ " + String.join(", ", nodes) + " ] }", ""));
    file = inventory.toString();
    Cli apply = Cli.run("apply", file, "--skip-preflight");
    assertEquals(0, apply.exit(), apply.toString());
  }

  @AfterAll
  static void stop() {
    if (agents != null) {
      agents.close();
    }
  }

  static String address(int i) {
    return "127.0.0." + (1 + i / 2);
  }

  static String host(int i) {
    return String.valueOf((char) ('a' + i / 2));
  }

  static Jedis jedis(int i) {
    return new Jedis(address(i), ports.get(i), 3000);
  }

  static String info(int i, String field) {
    try (Jedis j = jedis(i)) {
      return j.info("replication").lines().filter(l -> l.startsWith(field + ":")).findFirst()
          .map(l -> l.substring(field.length() + 1).trim()).orElse("");
    }
  }

  static List<Integer> masters() {
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      if (info(i, "role").equals("master")) {
        out.add(i);
      }
    }
    return out;
  }

  static Map<String, Integer> mastersPerHost() {
    Map<String, Integer> out = new TreeMap<>(Map.of("a", 0, "b", 0, "c", 0));
    masters().forEach(i -> out.merge(host(i), 1, Integer::sum));
    return out;
  }

  static void await(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not reached in 60 s: " + what);
      }
      Thread.sleep(100);
    }
  }

  static JsonObject survivability() {
    Cli status = Cli.run("status", file, "--json");
    JsonArray clusters = JsonParser.parseString(status.out()).getAsJsonObject().getAsJsonArray("survivability");
    assertEquals(1, clusters.size(), status.toString());
    return clusters.get(0).getAsJsonObject();
  }

  @Test
  @Order(1)
  void failoverErodesTheSpreadAndApplyRestoresItWithoutLosingAWrite() throws Exception {
    assertEquals(Map.of("a", 1, "b", 1, "c", 1), mastersPerHost(), "placement spreads the masters");
    assertTrue(survivability().get("anyOneHost").getAsBoolean(), survivability().toString());
    int master = masters().get(0);
    int replica = -1;
    for (int i = 0; i < 6; i++) {
      if (info(i, "role").equals("slave") && info(i, "master_port").equals(String.valueOf(ports.get(master)))) {
        replica = i;
      }
    }
    int r = replica;
    long[] retry = {0};
    await("the replica took over", () -> {
      if (System.nanoTime() > retry[0] && info(r, "role").equals("slave")) {
        // Redis drops a manual failover it cannot finish in 5 s (a loaded machine): ask again every 15 s
        try (Jedis j = jedis(r)) {
          assertEquals("OK", j.clusterFailover());
        }
        retry[0] = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
      }
      return info(r, "role").equals("master") && info(master, "role").equals("slave")
          && info(master, "master_link_status").equals("up");
    });
    String crowded = host(r);
    assertEquals(2, mastersPerHost().get(crowded), mastersPerHost().toString());

    JsonObject eroded = survivability();
    assertTrue(!eroded.get("anyOneHost").getAsBoolean(), eroded.toString());
    assertTrue(eroded.get("why").getAsString().contains("losing host " + crowded), eroded.toString());
    assertTrue(Cli.run("status", file).out().contains("cluster main survives losing any one host: no — "),
        "status text states it");
    Cli plan = Cli.run("plan", file, "--json");
    assertEquals(2, plan.exit(), plan.toString());
    assertTrue(plan.out().contains("restore master spread: host " + crowded + " holds 2 of 3 masters"), plan.out());

    Set<HostAndPort> seeds = new HashSet<>();
    for (int i = 0; i < 6; i++) {
      seeds.add(new HostAndPort(address(i), ports.get(i)));
    }
    try (AckedWrites writes = new AckedWrites(seeds, masters().stream()
        .map(i -> new HostAndPort(address(i), ports.get(i))).toList())) {
      await("writes are acknowledged", () -> writes.acknowledged() > 200);
      Cli apply = Cli.run("apply", file, "--skip-preflight", "--json");
      assertEquals(0, apply.exit(), apply.toString());
      int before = writes.acknowledged();
      await("writes go on after the apply", () -> writes.acknowledged() > before + 100);
      writes.stop();
      assertEquals(List.of(), writes.lost(), "every acknowledged write reads back");
      JsonArray steps = JsonParser.parseString(apply.out()).getAsJsonObject().getAsJsonArray("steps");
      List<String> failovers = new ArrayList<>();
      for (JsonElement s : steps) {
        if (s.getAsJsonObject().get("kind").getAsString().equals("failover")) {
          failovers.add(s.getAsJsonObject().get("description").getAsString());
        }
      }
      assertEquals(1, failovers.size(), apply.out());
      assertTrue(failovers.get(0).contains("restore master spread"), failovers.get(0));
    }
    assertEquals(Map.of("a", 1, "b", 1, "c", 1), mastersPerHost(), "the spread is back");
    JsonObject restored = survivability();
    assertTrue(restored.get("anyOneHost").getAsBoolean(), restored.toString());
    assertTrue(restored.get("anyOneFailureDomain").getAsBoolean(), restored.toString());
    assertEquals(0, Cli.run("plan", file).exit(), "nothing left to do");
  }

  @Test
  @Order(2)
  void watchHealsAKilledNodeAndAnEditedConfThenStopsOnSigterm() throws Exception {
    Path log = dir.resolve("watch.log");
    Process watch = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
        "io.redisfleet.controller.cli.Main", "apply", file, "--watch", "--interval", "1s", "--skip-preflight")
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    try {
      expect(log, l -> l.contains(" watching " + file + " every 1s"));
      int replica = -1;
      for (int i = 0; i < 6 && replica < 0; i++) {
        replica = info(i, "role").equals("slave") ? i : -1;
      }
      long pid;
      try (Jedis j = jedis(replica)) {
        pid = Long.parseLong(j.info("server").lines().filter(l -> l.startsWith("process_id:")).findFirst()
            .orElseThrow().substring("process_id:".length()).trim());
      }
      ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
      String node = host(replica) + ":" + ports.get(replica);
      expect(log, l -> l.contains(" " + node + " changed apply-node: "));
      expect(log, l -> l.matches(".* round \\d+: [1-9]\\d* changed, 0 failed; converged"));
      int r = replica;
      await("the killed replica is back and linked", () -> info(r, "master_link_status").equals("up"));

      int edited = (replica + 2) % 6;
      Path conf = agents.stateDir(host(edited)).resolve("nodes").resolve(ports.get(edited) + ".conf");
      String original = Files.readString(conf);
      assertTrue(original.contains("cluster-node-timeout 5000"), original);
      Files.writeString(conf, original.replace("cluster-node-timeout 5000", "cluster-node-timeout 9000"));
      String editedNode = host(edited) + ":" + ports.get(edited);
      expect(log, l -> l.contains(" " + editedNode + " changed apply-node: "));
      assertTrue(Files.readString(conf).contains("cluster-node-timeout 5000"), "the conf is put back");

      watch.destroy(); // SIGTERM
      assertTrue(watch.waitFor(60, TimeUnit.SECONDS), "watch stopped within 60 s of SIGTERM: " + Files.readString(log));
      String all = Files.readString(log);
      assertEquals(0, watch.exitValue(), all);
      assertTrue(all.contains("stopped by SIGTERM after "), all);
    } finally {
      watch.destroyForcibly();
    }
    Cli apply = Cli.run("apply", file, "--skip-preflight");
    assertEquals(0, apply.exit(), "the watch released the fleet lock: " + apply);
  }

  /** Waits (60 s at most) for a line of the watch's log matching {@code what}; each line matches once. */
  private static void expect(Path log, Predicate<String> what) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      List<String> lines = Files.readAllLines(log);
      for (int i = consumed; i < lines.size(); i++) {
        if (what.test(lines.get(i))) {
          consumed = i + 1;
          return;
        }
      }
      Thread.sleep(100);
    }
    throw new AssertionError("no such line in 60 s; the watch printed:\n" + Files.readString(log));
  }

  private static int consumed;
}
