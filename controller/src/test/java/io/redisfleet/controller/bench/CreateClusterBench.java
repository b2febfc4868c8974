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
 * same run, with the same node directives. redis-fleet is {@code bin/controller apply} as a whole
 * process (JVM and its AppCDS archive included, the agent embedded); the peer starts the six
 * redis-servers by hand, then runs redis-cli. Two clocks on each side, both from "no process":
 * until every node says cluster_state:ok, and until every replica's link is up too; each is the
 * later of the command's exit and the first poll (every 10 ms) that saw it. Prints each round, the
 * medians and the ratios. Run: scripts/bench.sh create [ROUNDS] (from the project root).
 */
public final class CreateClusterBench {

  /** What redis-fleet's nodes run (it sets repl-diskless-sync-delay 0 itself), given to the peer's too. */
  private static final List<String> DIRECTIVES = List.of("cluster-node-timeout 15000", "appendonly yes",
      "repl-diskless-sync-delay 0");
  /** The same but Redis' own default delay (5 s): what an operator gets by hand (issue #12's 7.2-10.2 s). */
  private static final List<String> REDIS_DEFAULTS = DIRECTIVES.subList(0, 2);

  /** The two clocks of one create, in ms; the re-apply's where there is one. */
  private record Times(long ok, long linked, long reapply) {}

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
    Path launcher = Path.of("bin/controller").toAbsolutePath();
    check(Files.isExecutable(launcher), "run from the project root: " + launcher + " not found");
    List<Times> fleet = new ArrayList<>();
    List<Times> peer = new ArrayList<>();
    List<Times> byHand = new ArrayList<>();
    redisFleet(launcher); // warm-up: bin/controller writes its class archive at the first apply after a build
    for (int round = 1; round <= rounds; round++) {
      Times ours = redisFleet(launcher);
      Times theirs = redisCli(DIRECTIVES);
      Times defaults = redisCli(REDIS_DEFAULTS);
      fleet.add(ours);
      peer.add(theirs);
      byHand.add(defaults);
      System.out.printf("round %d: redis-fleet ok %5d ms, linked %5d ms (re-apply %4d ms) | redis-cli --cluster"
          + " create ok %5d ms, linked %5d ms | the same with Redis' default sync delay: linked %5d ms%n", round,
          ours.ok(), ours.linked(), ours.reapply(), theirs.ok(), theirs.linked(), defaults.linked());
    }
    long fOk = median(fleet.stream().map(Times::ok).toList());
    long fLinked = median(fleet.stream().map(Times::linked).toList());
    long pOk = median(peer.stream().map(Times::ok).toList());
    long pLinked = median(peer.stream().map(Times::linked).toList());
    long reapply = median(fleet.stream().map(Times::reapply).toList());
    long dLinked = median(byHand.stream().map(Times::linked).toList());
    System.out.printf("median: every node ok: redis-fleet %d ms, redis-cli %d ms (%.2f x); replicas linked too:"
        + " redis-fleet %d ms, redis-cli %d ms (%.2f x); re-apply %d ms%n",
        fOk, pOk, (double) fOk / pOk, fLinked, pLinked, (double) fLinked / pLinked, reapply);
    System.out.printf("peer with Redis' default repl-diskless-sync-delay (5 s): replicas linked %d ms;"
        + " redis-fleet %.2f x of that%n", dLinked, (double) fLinked / dLinked);
    // Rows for scripts/bench.sh all, which gathers every bench's "TABLE|" lines into one table.
    System.out.printf("TABLE| create 6 nodes, whole controller apply: every node ok | %.2f s | by hand + redis-cli"
        + " --cluster create %.2f s | %.2f x | <= 1.1 x redis-cli |%n", fOk / 1000.0, pOk / 1000.0, (double) fOk / pOk);
    System.out.printf("TABLE| same, until every replica link is up | %.2f s | %.2f s (same directives); %.2f s"
        + " (Redis' default sync delay) | %.2f x; %.2f x | <= 0.45 x |%n", fLinked / 1000.0, pLinked / 1000.0,
        dLinked / 1000.0, (double) fLinked / pLinked, (double) fLinked / dLinked);
    System.out.printf("TABLE| idempotent re-apply after the create, whole process | %.2f s | | | |%n", reapply / 1000.0);
  }

  private static Times redisFleet(Path launcher) throws Exception {
    Path dir = Files.createTempDirectory("bench-fleet");
    List<Integer> ports = FreePorts.pick(6);
    Path inventory = dir.resolve("bench.conf");
    StringBuilder nodes = new StringBuilder();
    ports.forEach(p -> nodes.append(nodes.length() == 0 ? "" : ", ").append("\"local:").append(p).append('"'));
    Files.writeString(inventory, "defaults.redis { cluster-node-timeout = 15000, appendonly = yes }\n"
        + "hosts.local { address = \"127.0.0.1\", agent = embedded, state-dir = \"" + dir.resolve("state") + "\" }\n"
        + "clusters.bench { replicas = 1, nodes = [ " + nodes + " ] }\n");
    try {
      Clock clock = new Clock(ports);
      run(dir, launcher.toString(), "apply", inventory.toString(), "--yes");
      Times created = clock.await();
      long again = System.nanoTime();
      String second = run(dir, launcher.toString(), "apply", inventory.toString(), "--json");
      long reapply = millisSince(again);
      check(second.contains("\"changed\":0"), "the re-apply changed something: " + second);
      return new Times(created.ok(), created.linked(), reapply);
    } finally {
      Cli.run("destroy", inventory.toString(), "--force");
    }
  }

  private static Times redisCli(List<String> directives) throws Exception {
    Path dir = Files.createTempDirectory("bench-peer");
    List<Integer> ports = FreePorts.pick(6);
    List<Long> pids = new ArrayList<>();
    try {
      Clock clock = new Clock(ports);
      for (int port : ports) {
        pids.add(startNode(dir, port, directives));
      }
      List<String> cmd = new ArrayList<>(List.of("redis-cli", "--cluster", "create"));
      ports.forEach(p -> cmd.add("127.0.0.1:" + p));
      cmd.addAll(List.of("--cluster-replicas", "1", "--cluster-yes"));
      run(dir, cmd.toArray(String[]::new));
      return clock.await();
    } finally {
      pids.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
    }
  }

  /** Runs a command to its end (120 s at most) and returns its output, kept in a log beside the run. */
  private static String run(Path dir, String... cmd) throws Exception {
    Path log = dir.resolve("command.log");
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    boolean done = p.waitFor(120, TimeUnit.SECONDS);
    String out = Files.exists(log) ? Files.readString(log) : "";
    check(done && p.exitValue() == 0, String.join(" ", cmd) + " failed:\n" + out);
    return out;
  }

  /**
   * Started with the clock; {@link #await}, called when the command has exited, polls the nodes
   * every 10 ms until all say ok, then until every replica is linked too. A node that is ok stays
   * ok here, so each time is the later of the command's exit and the moment the nodes got there
   * (to 10 ms).
   */
  private static final class Clock {
    private final long start = System.nanoTime();
    private final List<Integer> ports;

    Clock(List<Integer> ports) {
      this.ports = ports;
    }

    Times await() throws InterruptedException {
      long ok = -1;
      long deadline = System.currentTimeMillis() + 60_000;
      while (System.currentTimeMillis() < deadline) {
        List<Integer> states = ports.stream().map(CreateClusterBench::state).toList();
        if (states.stream().allMatch(s -> s >= 1) && ok < 0) {
          ok = millisSince(start);
        }
        if (states.stream().allMatch(s -> s == 2)) {
          return new Times(ok, millisSince(start), 0);
        }
        Thread.sleep(10);
      }
      throw new IllegalStateException("cluster on " + ports + " did not converge in 60 s");
    }
  }

  static long startNode(Path dir, int port) throws IOException, InterruptedException {
    return startNode(dir, port, DIRECTIVES);
  }

  static long startNode(Path dir, int port, List<String> directives) throws IOException, InterruptedException {
    Path nodeDir = Files.createDirectories(dir.resolve(Integer.toString(port)));
    List<String> conf = new ArrayList<>(List.of("port " + port, "bind 127.0.0.1", "dir " + nodeDir,
        "cluster-enabled yes", "cluster-config-file nodes.conf", "daemonize yes",
        "pidfile " + nodeDir.resolve("redis.pid"), "logfile " + nodeDir.resolve("redis.log")));
    conf.addAll(directives);
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
    new Clock(ports).await();
  }

  /** 0: not ok; 1: cluster_state:ok; 2: ok, and linked to its master when a replica. */
  private static int state(int port) {
    try (Jedis j = new Jedis("127.0.0.1", port, 1000)) {
      if (!j.clusterInfo().contains("cluster_state:ok")) {
        return 0;
      }
      String repl = j.info("replication");
      return !repl.contains("role:slave") || repl.contains("master_link_status:up") ? 2 : 1;
    } catch (RuntimeException e) {
      return 0;
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
