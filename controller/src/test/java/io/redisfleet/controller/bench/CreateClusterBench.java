package io.redisfleet.controller.bench;

import io.redisfleet.controller.it.Cli;
import io.redisfleet.controller.it.FreePorts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import redis.clients.jedis.Jedis;

/**
 * Benchmark, not a test: the tutorial's 6-node cluster (3 masters x 1 replica) on loopback,
 * created from nothing by redis-fleet and by its peer {@code redis-cli --cluster create}, in the
 * same run, with the same node directives. The clock runs from "no process" to "every node says
 * cluster_state:ok and every replica's link is up" and includes starting the redis-servers.
 * Prints each round, the medians and the ratio. Run: scripts/bench.sh
 */
public final class CreateClusterBench {

  private static final List<String> DIRECTIVES = List.of("cluster-node-timeout 15000", "appendonly yes",
      "repl-diskless-sync-delay 0");

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
    List<Long> fleet = new ArrayList<>();
    List<Long> peer = new ArrayList<>();
    List<Long> reapply = new ArrayList<>();
    for (int round = 1; round <= rounds; round++) {
      long[] ours = redisFleet();
      long theirs = redisCli();
      fleet.add(ours[0]);
      reapply.add(ours[1]);
      peer.add(theirs);
      System.out.printf("round %d: redis-fleet apply %5d ms (re-apply %4d ms) | redis-cli --cluster create %5d ms%n",
          round, ours[0], ours[1], theirs);
    }
    long f = median(fleet);
    long p = median(peer);
    System.out.printf("median: redis-fleet %d ms, redis-cli %d ms, ratio redis-cli/redis-fleet = %.2fx; re-apply %d ms%n",
        f, p, (double) p / f, median(reapply));
    // Rows for scripts/bench.sh all, which gathers every bench's "TABLE|" lines into one table.
    System.out.printf("TABLE| create 6 nodes, in-process apply, every node ok + replicas linked | %.2f s | redis-cli --cluster create %.2f s | %.2f x | <= 1.1 x redis-cli |%n",
        f / 1000.0, p / 1000.0, (double) f / p);
    System.out.printf("TABLE| no-op re-apply, 6 local nodes, in-process | %.2f s | | | whole process <= 0.8 s |%n",
        median(reapply) / 1000.0);
  }

  private static long[] redisFleet() throws Exception {
    Path dir = Files.createTempDirectory("bench-fleet");
    List<Integer> ports = FreePorts.pick(6);
    Path inventory = dir.resolve("bench.conf");
    StringBuilder nodes = new StringBuilder();
    ports.forEach(p -> nodes.append(nodes.length() == 0 ? "" : ", ").append("\"local:").append(p).append('"'));
    Files.writeString(inventory, "defaults.redis { cluster-node-timeout = 15000, appendonly = yes }\n"
        + "hosts.local { address = \"127.0.0.1\", agent = embedded, state-dir = \"" + dir.resolve("state") + "\" }\n"
        + "clusters.bench { replicas = 1, nodes = [ " + nodes + " ] }\n");
    try {
      long start = System.nanoTime();
      Cli apply = Cli.run("apply", inventory.toString(), "--json");
      awaitConverged(ports);
      long took = millisSince(start);
      check(apply.exit() == 0, apply.toString());
      long again = System.nanoTime();
      Cli second = Cli.run("apply", inventory.toString(), "--json");
      long reapply = millisSince(again);
      check(second.exit() == 0 && second.out().contains("\"changed\":0"), second.toString());
      return new long[] {took, reapply};
    } finally {
      Cli.run("destroy", inventory.toString(), "--force");
    }
  }

  private static long redisCli() throws Exception {
    Path dir = Files.createTempDirectory("bench-peer");
    List<Integer> ports = FreePorts.pick(6);
    List<Long> pids = new ArrayList<>();
    try {
      long start = System.nanoTime();
      for (int port : ports) {
        pids.add(startNode(dir, port));
      }
      List<String> cmd = new ArrayList<>(List.of("redis-cli", "--cluster", "create"));
      ports.forEach(p -> cmd.add("127.0.0.1:" + p));
      cmd.addAll(List.of("--cluster-replicas", "1", "--cluster-yes"));
      Process create = new ProcessBuilder(cmd).redirectErrorStream(true)
          .redirectOutput(dir.resolve("create.log").toFile()).start();
      check(create.waitFor(120, TimeUnit.SECONDS) && create.exitValue() == 0, "redis-cli --cluster create failed");
      awaitConverged(ports);
      return millisSince(start);
    } finally {
      pids.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
    }
  }

  static long startNode(Path dir, int port) throws IOException, InterruptedException {
    Path nodeDir = Files.createDirectories(dir.resolve(Integer.toString(port)));
    List<String> conf = new ArrayList<>(List.of("port " + port, "bind 127.0.0.1", "dir " + nodeDir,
        "cluster-enabled yes", "cluster-config-file nodes.conf", "daemonize yes",
        "pidfile " + nodeDir.resolve("redis.pid"), "logfile " + nodeDir.resolve("redis.log")));
    conf.addAll(DIRECTIVES);
    Path file = nodeDir.resolve("redis.conf");
    Files.write(file, conf);
    Process p = new ProcessBuilder("redis-server", file.toString()).start();
    check(p.waitFor(10, TimeUnit.SECONDS), "redis-server did not daemonize");
    long deadline = System.currentTimeMillis() + 10_000;
    while (System.currentTimeMillis() < deadline) {
      try (Jedis j = new Jedis("127.0.0.1", port, 1000)) {
        if ("PONG".equals(j.ping())) {
          return Long.parseLong(Files.readString(nodeDir.resolve("redis.pid")).trim());
        }
      } catch (RuntimeException notYet) {
        Thread.sleep(5);
      }
    }
    throw new IllegalStateException("node " + port + " did not start");
  }

  /** Every node ok and every replica linked (polled every 10 ms, 60 s at most). */
  static void awaitConverged(List<Integer> ports) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 60_000;
    while (System.currentTimeMillis() < deadline) {
      if (ports.stream().allMatch(CreateClusterBench::converged)) {
        return;
      }
      Thread.sleep(10);
    }
    throw new IllegalStateException("cluster on " + ports + " did not converge in 60 s");
  }

  private static boolean converged(int port) {
    try (Jedis j = new Jedis("127.0.0.1", port, 1000)) {
      boolean ok = j.clusterInfo().contains("cluster_state:ok");
      String repl = j.info("replication");
      boolean replica = repl.contains("role:slave");
      return ok && (!replica || repl.contains("master_link_status:up"));
    } catch (RuntimeException e) {
      return false;
    }
  }

  private static long median(List<Long> values) {
    long[] sorted = values.stream().mapToLong(Long::longValue).sorted().toArray();
    return sorted[sorted.length / 2];
  }

  private static long millisSince(long start) {
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
  }

  private static void check(boolean condition, String message) {
    if (!condition) {
      throw new IllegalStateException(message + " " + Arrays.toString(new Object[0]));
    }
  }
}
