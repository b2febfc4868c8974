package io.redisfleet.controller.bench;

import io.redisfleet.controller.it.Cli;
import io.redisfleet.controller.it.FreePorts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.util.JedisClusterCRC16;

/**
 * Benchmark, not a test: a cluster of 3 masters holding KEYS keys of SIZE bytes grows to 4
 * masters, the slots rebalanced onto the new one with their keys, by redis-fleet (one {@code apply}
 * of the inventory with a fourth node: start it, join it, move the slots) and by its peer on an
 * identical cluster (the fourth redis-server started, {@code redis-cli --cluster add-node}, then
 * {@code redis-cli --cluster rebalance --cluster-use-empty-masters}), in the same run. Both clocks
 * include starting the new node; both end with every key on the new layout (counted). Loopback,
 * no replicas. Run: scripts/bench.sh reshard [KEYS] [SIZE]
 */
public final class ReshardBench {

  public static void main(String[] args) throws Exception {
    int keys = args.length > 0 ? Integer.parseInt(args[0]) : 255_000;
    int size = args.length > 1 ? Integer.parseInt(args[1]) : 100;
    long fleet = redisFleet(keys, size);
    long peer = redisCli(keys, size);
    System.out.printf("reshard 3 -> 4 masters, %d keys of %d B: redis-fleet apply %.2f s | redis-cli add-node +"
        + " rebalance %.2f s | ratio redis-cli/redis-fleet = %.2fx%n", keys, size, fleet / 1000.0, peer / 1000.0,
        (double) peer / fleet);
    System.out.printf("TABLE| reshard 3 -> 4 masters, %d keys of %d B, whole apply incl. the new node | %.2f s |"
        + " redis-cli add-node + rebalance %.2f s | %.2f x faster | >= 5 x faster, 0 keys lost |%n", keys, size,
        fleet / 1000.0, peer / 1000.0, (double) peer / fleet);
  }

  private static long redisFleet(int keys, int size) throws Exception {
    Path dir = Files.createTempDirectory("bench-reshard-fleet");
    List<Integer> ports = FreePorts.pick(4);
    Path inventory = dir.resolve("bench.conf");
    try {
      write(inventory, dir, ports.subList(0, 3));
      Cli create = Cli.run("apply", inventory.toString(), "--json");
      check(create.exit() == 0, "create: " + create);
      load(ports.subList(0, 3), keys, size);
      write(inventory, dir, ports);
      long start = System.nanoTime();
      Cli grow = Cli.run("apply", inventory.toString(), "--json");
      long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
      check(grow.exit() == 0, "scale out: " + grow);
      checkLayout(ports, keys);
      // where redis-fleet's time went: each step kind's summed time, from apply --json
      Map<String, Long> byKind = new java.util.TreeMap<>();
      com.google.gson.JsonParser.parseString(grow.out()).getAsJsonObject().getAsJsonArray("steps").forEach(e -> {
        var step = e.getAsJsonObject();
        byKind.merge(step.get("kind").getAsString(), step.get("ms").getAsLong(), Long::sum);
      });
      System.out.println("redis-fleet steps (summed ms per kind): " + byKind);
      return took;
    } finally {
      Cli.run("destroy", inventory.toString(), "--force");
    }
  }

  private static void write(Path inventory, Path dir, List<Integer> ports) throws Exception {
    StringBuilder nodes = new StringBuilder();
    ports.forEach(p -> nodes.append(nodes.length() == 0 ? "" : ", ").append("\"local:").append(p).append('"'));
    Files.writeString(inventory, "defaults.redis { cluster-node-timeout = 15000, appendonly = yes }\n"
        + "hosts.local { address = \"127.0.0.1\", agent = embedded, state-dir = \"" + dir.resolve("state") + "\" }\n"
        + "clusters.bench { replicas = 0, nodes = [ " + nodes + " ] }\n");
  }

  private static long redisCli(int keys, int size) throws Exception {
    Path dir = Files.createTempDirectory("bench-reshard-peer");
    List<Integer> ports = FreePorts.pick(4);
    List<Long> pids = new ArrayList<>();
    try {
      for (int port : ports.subList(0, 3)) {
        pids.add(CreateClusterBench.startNode(dir, port));
      }
      List<String> create = new ArrayList<>(List.of("redis-cli", "--cluster", "create"));
      ports.subList(0, 3).forEach(p -> create.add("127.0.0.1:" + p));
      create.addAll(List.of("--cluster-replicas", "0", "--cluster-yes"));
      run(dir, create);
      CreateClusterBench.awaitConverged(ports.subList(0, 3));
      load(ports.subList(0, 3), keys, size);
      long start = System.nanoTime();
      pids.add(CreateClusterBench.startNode(dir, ports.get(3)));
      run(dir, List.of("redis-cli", "--cluster", "add-node", "127.0.0.1:" + ports.get(3), "127.0.0.1:" + ports.get(0)));
      awaitKnown(ports, 30_000);
      run(dir, List.of("redis-cli", "--cluster", "rebalance", "127.0.0.1:" + ports.get(0),
          "--cluster-use-empty-masters"));
      long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
      checkLayout(ports, keys);
      return took;
    } finally {
      pids.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
    }
  }

  /**
   * Until every node lists all four and says cluster_state:ok: rebalance run earlier sees the new
   * node as unknown to some, or has its MIGRATEs refused by the new node (CLUSTERDOWN), as redis-fleet
   * waits for both too (wait-joined, wait-ready).
   */
  private static void awaitKnown(List<Integer> ports, long timeoutMs) throws InterruptedException {
    long deadline = System.currentTimeMillis() + timeoutMs;
    while (System.currentTimeMillis() < deadline) {
      boolean all = ports.stream().allMatch(p -> {
        try (Jedis j = new Jedis("127.0.0.1", p, 1000)) {
          return j.clusterNodes().lines().filter(l -> !l.contains("handshake")).count() == ports.size()
              && j.clusterInfo().contains("cluster_state:ok");
        }
      });
      if (all) {
        return;
      }
      Thread.sleep(10);
    }
    throw new IllegalStateException("the new node was not known to every node within " + timeoutMs + " ms");
  }

  private static void run(Path dir, List<String> command) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("redis-cli.log").toFile())).start();
    check(p.waitFor(600, TimeUnit.SECONDS) && p.exitValue() == 0, String.join(" ", command) + " failed: see "
        + dir.resolve("redis-cli.log"));
  }

  /** keys "k:N" with SIZE-byte values, each pipelined to the master that owns its slot. */
  private static void load(List<Integer> ports, int keys, int size) {
    Map<Integer, Integer> ownerOfSlot = owners(ports.get(0));
    String value = "x".repeat(size);
    Map<Integer, Jedis> conns = new HashMap<>();
    Map<Integer, Pipeline> pipes = new HashMap<>();
    try {
      for (int i = 0; i < keys; i++) {
        String key = "k:" + i;
        int port = ownerOfSlot.get(JedisClusterCRC16.getSlot(key));
        Pipeline p = pipes.computeIfAbsent(port, q -> conns.computeIfAbsent(q, r -> new Jedis("127.0.0.1", r, 5000))
            .pipelined());
        p.set(key, value);
        if (i % 5000 == 4999) {
          pipes.values().forEach(Pipeline::sync);
        }
      }
      pipes.values().forEach(Pipeline::sync);
    } finally {
      pipes.values().forEach(Pipeline::close);
      conns.values().forEach(Jedis::close);
    }
  }

  /** Slot to the port of its master, as node {@code port} sees it. */
  private static Map<Integer, Integer> owners(int port) {
    Map<Integer, Integer> out = new HashMap<>();
    try (Jedis j = new Jedis("127.0.0.1", port, 5000)) {
      for (String line : j.clusterNodes().split("\n")) {
        String[] w = line.trim().split(" ");
        if (w.length > 8 && w[2].contains("master")) {
          int owner = Integer.parseInt(w[1].split("@")[0].split(":")[1]);
          for (int i = 8; i < w.length; i++) {
            if (w[i].startsWith("[")) {
              continue;
            }
            String[] r = w[i].split("-");
            int from = Integer.parseInt(r[0]);
            for (int s = from; s <= (r.length == 1 ? from : Integer.parseInt(r[1])); s++) {
              out.put(s, owner);
            }
          }
        }
      }
    }
    return out;
  }

  /** Every key still there, the new node holding about a quarter of them. */
  private static void checkLayout(List<Integer> ports, int keys) {
    long total = 0;
    long onNew;
    try (Jedis j = new Jedis("127.0.0.1", ports.get(3), 5000)) {
      onNew = j.dbSize();
    }
    for (int port : ports) {
      try (Jedis j = new Jedis("127.0.0.1", port, 5000)) {
        total += j.dbSize();
      }
    }
    check(total == keys, "after the reshard " + total + " keys, not " + keys);
    check(onNew > keys / 8, "the new master holds only " + onNew + " keys");
  }

  private static void check(boolean condition, String message) {
    if (!condition) {
      throw new IllegalStateException(message);
    }
  }
}
