package io.redisfleet.controller.crash;

import io.redisfleet.controller.it.Cli;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.RedisClusterClient;
import redis.clients.jedis.util.JedisClusterCRC16;

/**
 * Issue #8: the decommission of a host gone for good, killed after every step k. Cell k powers
 * the live third host off, waits until Redis failed its master over (as an operator would see
 * before editing the inventory), declares it gone with two replacement nodes on a new host and
 * SIGKILLs the apply after k steps; at most two applies must converge: every key acknowledged
 * in any cell so far reads back, the fleet is sound ({@link GoneHostCheck}) and the next plan is
 * empty. Each cell starts from the last one's end, so no cluster is created twice. With
 * {@code lostShard} the third host held a whole shard (replicas = 0): there is no failover to
 * wait for, the applies run with {@code --force}, the lost slots are served again, empty, and
 * only the keys of the other shards must read back.
 */
final class GoneHostCells {

  static final String GONE_HOST = "gone host";
  static final String LOST_SHARD = "lost shard --force";
  static final JedisClientConfig PLAIN = DefaultJedisClientConfig.builder()
      .connectionTimeoutMillis(2000).socketTimeoutMillis(3000).build();

  private final GoneHostFleet fleet;
  private final CrashTable table;
  private final int keys;
  private final boolean lostShard;
  private final String operation;
  private final List<String> options;
  private final Map<String, String> expected = new HashMap<>();

  GoneHostCells(GoneHostFleet fleet, CrashTable table, int keys, boolean lostShard) {
    this.lostShard = lostShard;
    this.operation = lostShard ? LOST_SHARD : GONE_HOST;
    this.options = lostShard ? List.of("--force") : List.of();
    this.fleet = fleet;
    this.table = table;
    this.keys = keys;
  }

  /** Every node's CLUSTER NODES, printed when a cell cannot start: what the views held. */
  private void dumpViews() {
    for (HostAndPort n : fleet.nodes()) {
      try (redis.clients.jedis.Jedis j = new redis.clients.jedis.Jedis(n, PLAIN)) {
        System.out.println("view of " + n + ":\n" + j.clusterNodes());
      } catch (RuntimeException e) {
        System.out.println("view of " + n + ": " + e);
      }
    }
  }

  void run() throws Exception {
    fleet.write();
    Cli create = Cli.run("apply", fleet.inventory.toString(), "--yes");
    if (create.exit() != 0) {
      throw new IllegalStateException("creating the gone-host fleet: " + create);
    }
    for (int k = 0, total = 1; k < total; k++) {
      List<String> spread = lostShard ? List.of()
          : GoneHostCheck.settledWholeShardOn(fleet.nodes(), fleet.liveAddress(), Duration.ofSeconds(20));
      if (!spread.isEmpty()) {
        dumpViews();
        table.add(new CrashTable.Cell(operation, "before " + k, false, "FAILED: start state " + spread));
        return;
      }
      preload("g" + k);
      long synced = System.nanoTime() + 30_000_000_000L;
      while (!lostShard && !GoneHostCheck.replicated(fleet.nodes())) {
        if (System.nanoTime() > synced) {
          throw new IllegalStateException("replicas did not catch up with their masters within 30 s");
        }
        Thread.sleep(50);
      }
      Set<Integer> lost = GoneHostCheck.slotsOn(fleet.nodes().get(0), fleet.liveAddress());
      if (lostShard) {
        expected.keySet().removeIf(key -> lost.contains(JedisClusterCRC16.getSlot(key))); // gone with the host
      }
      String dead = fleet.powerOffThird();
      long deadline = System.nanoTime() + 60_000_000_000L;
      while (!fleet.failedOver(dead, lostShard)) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("Redis did not fail the masters of " + dead + " over within 60 s");
        }
        Thread.sleep(200);
      }
      List<CrashPoints.Planned> planned = CrashPoints.plan(fleet.inventory, options);
      total = planned.size();
      KillPoint point = new KillPoint.AfterSteps(k, total, k == 0 ? "" : planned.get(Math.min(k, total) - 1).kind());
      if (!cell(k, dead, point)) {
        return; // the fleet is not in a state the next cell can start from
      }
    }
  }

  private boolean cell(int k, String dead, KillPoint point) throws Exception {
    long started = System.nanoTime();
    Set<HostAndPort> seeds = new HashSet<>(fleet.survivors());
    AckWriter writer = new AckWriter("gw" + k, new AckWriter.Target.Cluster(seeds, List.of(PLAIN)));
    ControllerProcess.Run crashed;
    List<Integer> applies = new ArrayList<>();
    try {
      crashed = ControllerProcess.applyAndKill(fleet.inventory, point, node -> false, false, options);
      for (int n = 0; n < 2 && (applies.isEmpty() || applies.get(applies.size() - 1) != 0); n++) {
        List<String> args = new ArrayList<>(List.of("apply", fleet.inventory.toString(), "--yes", "--break-lock",
            "--skip-preflight", "--progress", "plain"));
        args.addAll(options);
        Cli recovery = Cli.run(args.toArray(String[]::new));
        applies.add(recovery.exit());
        if (recovery.exit() != 0) {
          System.out.println("crash cell " + operation + " " + point.label() + ": recovery apply " + (n + 1) + " " + recovery);
        }
      }
    } finally {
      writer.close();
    }
    expected.putAll(writer.acknowledged());
    List<String> problems = new ArrayList<>();
    if (applies.get(applies.size() - 1) != 0) {
      problems.add("recovery applies exited " + applies);
    }
    Cli plan = Cli.run("plan", fleet.inventory.toString());
    if (plan.exit() != 0) {
      problems.add("plan after recovery still has changes (exit " + plan.exit() + "): " + plan.out().strip());
    }
    problems.addAll(GoneHostCheck.lost(fleet.survivors(), expected));
    problems.addAll(GoneHostCheck.cluster(fleet.nodes(), dead));
    Cli status = Cli.run("status", fleet.inventory.toString());
    if (status.exit() != 0) {
      problems.add("controller status exit " + status.exit() + ":\n" + status.out() + status.err());
    }
    String how = !crashed.killed() || crashed.note().startsWith("MISSED") ? " [" + crashed.note() + "]" : "";
    boolean passed = problems.isEmpty();
    String outcome = passed
        ? String.format("converged in %d apply(s); %d acked keys read back (%.1f s)%s", applies.size(), expected.size(),
            (System.nanoTime() - started) / 1e9, how)
        : "FAILED: " + String.join("; ", problems) + how;
    if (!passed) {
      System.out.println("crash cell " + operation + " " + point.label() + " killed controller output:\n" + crashed.output());
    }
    table.add(new CrashTable.Cell(operation, point.label() + " (" + dead + " gone)", passed, outcome));
    return passed;
  }

  private void preload(String prefix) {
    try (RedisClusterClient cluster = RedisClusterClient.create(Set.copyOf(fleet.survivors()))) {
      for (int n = 0; n < keys; n++) {
        String key = prefix + ":k:" + n;
        cluster.set(key, "v" + n);
        expected.put(key, "v" + n);
      }
    }
  }
}
