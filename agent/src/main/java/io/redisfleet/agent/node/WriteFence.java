package io.redisfleet.agent.node;

import io.redisfleet.agent.AgentException;
import io.redisfleet.agent.AgentException.Kind;
import io.redisfleet.agent.conf.ConfDiff;
import io.redisfleet.agent.fs.NodeLayout;
import io.redisfleet.agent.redis.Address;
import io.redisfleet.agent.redis.NodeInfo;
import io.redisfleet.agent.redis.NodeInfo.ConnectedReplica;
import io.redisfleet.agent.redis.RedisAdmin;
import io.redisfleet.agent.v1.ClusterOpResponse;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.IntFunction;

/**
 * A replication group's handover on servers without FAILOVER (Redis before 6.2), this agent's part:
 * fence the local master's writes and wait until the replica has acknowledged everything the master
 * had when the fence went up. The controller then promotes the replica (REPLICAOF NO ONE through its
 * agent) and re-points this node, which lifts the fence ({@link ClusterOps#replicaOf}).
 *
 * <p>The fence is min-replicas-to-write set past any replica count (with a non-zero
 * min-replicas-max-lag, without which Redis ignores it): every write, in a script or a MULTI too, is
 * refused with NOREPLICAS while reads and the agent's own commands go on. CLIENT PAUSE, what FAILOVER
 * uses, would on 6.0 pause every client, the agent's INFO included. It is a live setting only (never
 * CONFIG REWRITE), so a restart lifts it too; the observation reports it ({@link #fenced}) so the next
 * plan can tell a fenced master from a live one. A wait that fails, or a call the controller gave up
 * on, lifts the fence again: the master goes on as before, as Redis' own FAILOVER does on timeout.
 */
final class WriteFence {

  /** More replicas than any master has: no write can meet it. */
  static final long FENCE = 1_000_000;
  static final String TO_WRITE = "min-replicas-to-write";
  static final String MAX_LAG = "min-replicas-max-lag";
  private static final Duration POLL = Duration.ofMillis(50);

  private final RedisAdmin redis;
  private final IntFunction<NodeLayout> layout;

  WriteFence(RedisAdmin redis, IntFunction<NodeLayout> layout) {
    this.redis = redis;
    this.layout = layout;
  }

  /** The node refuses writes because of a fence (a min-replicas-to-write no master can meet). */
  static boolean fenced(RedisAdmin redis, int port) throws AgentException {
    String toWrite = redis.configGet(port, List.of(TO_WRITE)).getOrDefault(TO_WRITE, "0");
    try {
      return Long.parseLong(toWrite.strip()) >= FENCE;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  ClusterOpResponse fence(int port, Address to, Duration timeout, BooleanSupplier cancelled) throws AgentException {
    NodeInfo info = redis.info(port);
    if (info.clusterEnabled()) {
      throw new AgentException(Kind.NEEDS_OPERATOR, "node " + port + ": fence writes: a cluster node");
    }
    if (info.isReplica()) {
      if (info.masterPort() == to.port()) {
        return ClusterOpResponse.newBuilder().setChanged(false).setDetail("already a replica of " + to).build();
      }
      throw new AgentException(Kind.NEEDS_OPERATOR, "node " + port + ": fence writes for " + to
          + ": this node is not a master (replica of " + info.masterHost() + ":" + info.masterPort() + ")");
    }
    ConnectedReplica replica = GroupFailover.connected(port, info.replicas(), to, "fence writes for");
    if (!"online".equals(replica.state())) {
      throw new AgentException(Kind.RETRYABLE, "node " + port + ": fence writes for " + to + ": the replica is "
          + replica.state() + ", not online yet");
    }
    boolean already = fenced(redis, port);
    if (!already) {
      String lag = redis.configGet(port, List.of(MAX_LAG)).getOrDefault(MAX_LAG, "0").strip();
      if ("0".equals(lag)) {
        redis.configSet(port, MAX_LAG, "10"); // 0 would switch the check, and so the fence, off
      }
      redis.configSet(port, TO_WRITE, Long.toString(FENCE));
    }
    // No client write gets in after this point: all acknowledged ones are at or before this offset.
    long fencedAt = redis.info(port).replOffset();
    long deadline = System.nanoTime() + timeout.toNanos();
    long acked = replica.offset();
    while (true) {
      if (cancelled.getAsBoolean()) {
        lift(port);
        throw new AgentException(Kind.RETRYABLE, "node " + port + ": fence writes for " + to
            + ": the call was cancelled; fence lifted, the master goes on");
      }
      NodeInfo now = redis.info(port);
      acked = now.replicas().stream().filter(r -> r.port() == replica.port() && r.ip().equals(replica.ip()))
          .mapToLong(ConnectedReplica::offset).findFirst().orElse(-1);
      if (acked >= fencedAt) {
        return ClusterOpResponse.newBuilder().setChanged(!already).setDetail("writes fenced (" + TO_WRITE + " "
            + FENCE + "); " + to + " has acknowledged offset " + acked + " of " + fencedAt).build();
      }
      if (System.nanoTime() > deadline) {
        lift(port);
        throw new AgentException(Kind.RETRYABLE, "node " + port + ": fence writes for " + to + ": the replica "
            + "acknowledged offset " + acked + " of " + fencedAt + " within " + timeout.toMillis()
            + " ms; fence lifted, the master goes on");
      }
      sleep();
    }
  }

  /**
   * Restores the conf's min-replicas-to-write and min-replicas-max-lag (Redis' defaults 0 and 10
   * when the conf has none). Nothing is sent to a node that is not fenced.
   */
  ClusterOpResponse lift(int port) throws AgentException {
    if (!fenced(redis, port)) {
      return ClusterOpResponse.newBuilder().setChanged(false).setDetail("writes not fenced").build();
    }
    Map<String, List<List<String>>> conf = conf(port);
    String lag = value(conf, MAX_LAG, "min-slaves-max-lag", "10");
    String toWrite = value(conf, TO_WRITE, "min-slaves-to-write", "0");
    redis.configSet(port, MAX_LAG, lag);
    redis.configSet(port, TO_WRITE, toWrite);
    return ClusterOpResponse.newBuilder().setChanged(true)
        .setDetail("write fence lifted (" + TO_WRITE + " " + toWrite + ", " + MAX_LAG + " " + lag + ")").build();
  }

  private Map<String, List<List<String>>> conf(int port) throws AgentException {
    try {
      return ConfDiff.parse(Files.readString(layout.apply(port).confFile()));
    } catch (IOException e) {
      throw new AgentException(Kind.RETRYABLE, "node " + port + ": lift the write fence: cannot read "
          + layout.apply(port).confFile() + ": " + e.getMessage(), e);
    }
  }

  private static String value(Map<String, List<List<String>>> conf, String name, String oldName, String dflt) {
    List<List<String>> v = conf.containsKey(name) ? conf.get(name) : conf.get(oldName);
    return v == null || v.isEmpty() || v.get(v.size() - 1).isEmpty() ? dflt : v.get(v.size() - 1).get(0);
  }

  private static void sleep() throws AgentException {
    try {
      Thread.sleep(POLL.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AgentException(Kind.RETRYABLE, "fence writes: interrupted", e);
    }
  }
}
