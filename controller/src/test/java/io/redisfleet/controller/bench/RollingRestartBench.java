package io.redisfleet.controller.bench;

import io.redisfleet.controller.it.Cli;
import io.redisfleet.controller.it.FreePorts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.RedisClusterClient;
import redis.clients.jedis.util.JedisClusterCRC16;

/**
 * Benchmark, not a test: how long each shard cannot take writes while {@code controller restart
 * --rolling} restarts every node of a 6-node cluster (3 masters x 1 replica, loopback, one
 * embedded agent), beside the peer Redis offers without a tool: a master's process killed and
 * its replica promoted by Redis' own failure detection (≈ cluster-node-timeout). One writer per
 * shard writes a key of that shard about every millisecond through a cluster client; a shard's
 * gap is the longest time between two acknowledged writes. Run: scripts/bench.sh restart
 */
public final class RollingRestartBench {

  private static final int NODE_TIMEOUT_MS = 5000;

  public static void main(String[] args) throws Exception {
    Path dir = Files.createTempDirectory("bench-restart");
    List<Integer> ports = FreePorts.pick(6);
    Path inventory = dir.resolve("bench.conf");
    StringBuilder nodes = new StringBuilder();
    ports.forEach(p -> nodes.append(nodes.length() == 0 ? "" : ", ").append("\"local:").append(p).append('"'));
    Files.writeString(inventory, "defaults.redis { cluster-node-timeout = " + NODE_TIMEOUT_MS + ", appendonly = yes }\n"
        + "hosts.local { address = \"127.0.0.1\", agent = embedded, state-dir = \"" + dir.resolve("state") + "\" }\n"
        + "clusters.bench { replicas = 1, nodes = [ " + nodes + " ] }\n");
    try {
      Cli create = Cli.run("apply", inventory.toString(), "--json");
      check(create.exit() == 0, "create: " + create);
      List<Shard> shards = shards(ports.get(0));
      double[] rolling = new double[shards.size()];
      long restartMillis;
      try (Writers writers = new Writers(ports, shards)) {
        writers.settle();
        long start = System.nanoTime();
        Cli restart = Cli.run("restart", inventory.toString(), "--rolling", "--json");
        restartMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        check(restart.exit() == 0, "restart --rolling: " + restart);
        Thread.sleep(500);
        for (int i = 0; i < shards.size(); i++) {
          rolling[i] = writers.maxGapMillis(i);
        }
      }
      // the peer: the first shard's master killed; Redis promotes its replica once the others mark it failed
      List<Shard> now = shards(ports.get(0));
      double killed;
      try (Writers writers = new Writers(ports, now)) {
        writers.settle();
        long pid = pid(dir, now.get(0).masterPort());
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        // until the outage happened (a recorded gap) and writes flow again
        while (writers.recordedGapMillis(0) < 100 || writers.sinceLastAckMillis(0) > 50) {
          check(System.nanoTime() < deadline, "Redis did not fail the killed master over within 60 s");
          Thread.sleep(20);
        }
        Thread.sleep(500);
        killed = writers.maxGapMillis(0);
      }
      for (int i = 0; i < shards.size(); i++) {
        System.out.printf("rolling restart: shard %d (slot %d) longest write gap %.0f ms%n", i, shards.get(i).slot(),
            rolling[i]);
      }
      double worst = 0;
      for (double g : rolling) {
        worst = Math.max(worst, g);
      }
      System.out.printf("rolling restart of 6 nodes took %.1f s; worst shard gap %.0f ms%n", restartMillis / 1000.0, worst);
      System.out.printf("peer: master SIGKILLed, Redis' own failover (cluster-node-timeout %d ms): gap %.0f ms%n",
          NODE_TIMEOUT_MS, killed);
      System.out.printf("ratio peer/redis-fleet = %.1fx%n", killed / Math.max(1, worst));
      System.out.printf("TABLE| write gap per shard, rolling restart of 6 nodes (worst shard) | %.2f s | master killed,"
          + " Redis failover (node-timeout %d ms) %.2f s | %.2f x | <= 1 s |%n", worst / 1000.0, NODE_TIMEOUT_MS,
          killed / 1000.0, worst / killed);
      Cli heal = Cli.run("apply", inventory.toString(), "--json");
      check(heal.exit() == 0, "apply after the kill: " + heal);
    } finally {
      Cli.run("destroy", inventory.toString(), "--force");
    }
  }

  /** A master, one slot it serves and a key hashing to that slot. */
  record Shard(int masterPort, int slot, String key) {}

  /** Each master of the cluster, as node {@code port} sees it, with a key of one of its slots. */
  private static List<Shard> shards(int port) {
    List<Shard> out = new ArrayList<>();
    try (Jedis j = new Jedis("127.0.0.1", port, 2000)) {
      for (String line : j.clusterNodes().split("\n")) {
        String[] w = line.trim().split(" ");
        if (w.length > 8 && w[2].contains("master")) {
          int first = Integer.parseInt(w[8].split("-")[0]);
          String key = tagFor(first);
          int masterPort = Integer.parseInt(w[1].split("@")[0].split(":")[1]);
          out.add(new Shard(masterPort, first, key));
        }
      }
    }
    return out;
  }

  /** A key whose hash tag maps to {@code slot}: the writer's key for that shard. */
  private static String tagFor(int slot) {
    for (int n = 0; ; n++) {
      String key = "{t" + n + "}:bench";
      if (JedisClusterCRC16.getSlot(key) == slot) {
        return key;
      }
    }
  }

  private static long pid(Path dir, int port) throws Exception {
    try (var files = Files.walk(dir.resolve("state"))) {
      Path pidFile = files.filter(p -> p.getFileName().toString().equals("redis.pid")
          && p.getParent().getFileName().toString().equals(Integer.toString(port))).findFirst()
          .orElseThrow(() -> new IllegalStateException("no pid file for node " + port + " under " + dir));
      return Long.parseLong(Files.readString(pidFile).trim());
    }
  }

  /** One writer thread per shard; each records its longest gap between acknowledged writes. */
  private static final class Writers implements AutoCloseable {
    private final AtomicBoolean stop = new AtomicBoolean();
    private final List<Thread> threads = new ArrayList<>();
    private final List<AtomicLong> lastAck = new ArrayList<>();
    private final List<AtomicLong> maxGap = new ArrayList<>();
    private final RedisClusterClient client;

    Writers(List<Integer> ports, List<Shard> shards) {
      Set<HostAndPort> seeds = new HashSet<>();
      ports.forEach(p -> seeds.add(new HostAndPort("127.0.0.1", p)));
      client = RedisClusterClient.builder().nodes(seeds)
          .clientConfig(DefaultJedisClientConfig.builder().connectionTimeoutMillis(500).socketTimeoutMillis(1000).build())
          .maxAttempts(2).maxTotalRetriesDuration(Duration.ofMillis(1500)).build();
      for (Shard shard : shards) {
        AtomicLong last = new AtomicLong(System.nanoTime());
        AtomicLong gap = new AtomicLong();
        lastAck.add(last);
        maxGap.add(gap);
        Thread t = new Thread(() -> write(shard.key(), last, gap), "bench-writer-" + shard.slot());
        t.setDaemon(true);
        threads.add(t);
        t.start();
      }
    }

    private void write(String key, AtomicLong last, AtomicLong gap) {
      for (long n = 0; !stop.get(); n++) {
        try {
          client.set(key, Long.toString(n));
          long now = System.nanoTime();
          gap.accumulateAndGet(now - last.getAndSet(now), Math::max);
          LockSupport.parkNanos(1_000_000);
        } catch (RuntimeException notAcknowledged) {
          LockSupport.parkNanos(1_000_000);
        }
      }
    }

    /** Writes run for a second, then the gaps are counted from zero. */
    void settle() throws InterruptedException {
      Thread.sleep(1000);
      maxGap.forEach(g -> g.set(0));
    }

    double maxGapMillis(int shard) {
      long sinceLast = System.nanoTime() - lastAck.get(shard).get();
      return Math.max(maxGap.get(shard).get(), sinceLast) / 1e6;
    }

    double recordedGapMillis(int shard) {
      return maxGap.get(shard).get() / 1e6;
    }

    double sinceLastAckMillis(int shard) {
      return (System.nanoTime() - lastAck.get(shard).get()) / 1e6;
    }

    @Override
    public void close() throws InterruptedException {
      stop.set(true);
      for (Thread t : threads) {
        t.join(5000);
      }
      client.close();
    }
  }

  private static void check(boolean condition, String message) {
    if (!condition) {
      throw new IllegalStateException(message);
    }
  }
}
