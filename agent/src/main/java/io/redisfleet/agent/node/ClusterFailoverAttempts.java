package io.redisfleet.agent.node;

import io.redisfleet.agent.redis.ClusterTopology;
import io.redisfleet.agent.redis.ClusterPeer;
import io.redisfleet.agent.AgentException;
import io.redisfleet.agent.redis.NodeInfo;
import io.redisfleet.agent.redis.RedisAdmin;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * CLUSTER FAILOVER on a replica, made to stick. Redis says OK and the replica can still end up a
 * replica, in three ways (all seen in this project's logs, Redis 7.0.15):
 *
 * <ul>
 *   <li><b>Dropped.</b> The replica's MFSTART never reaches the master (often the first failover
 *       of a replica just attached): no election, and Redis' manual-failover timeout
 *       (CLUSTER_MF_TIMEOUT, 5 s in cluster.c) ends it silently. Sending again after a whole
 *       attempt works (a new CLUSTER FAILOVER resets an attempt in progress, so not sooner).
 *   <li><b>An election lost.</b> Voters that have not yet heard of the last role change deny
 *       their votes. Redis then keeps that election's state (failover_auth_time, _sent, _count)
 *       and starts no new one until its election retry time has passed, 2 x max(2 x
 *       cluster-node-timeout, 2 s): a CLUSTER FAILOVER sent sooner only waits for votes that never
 *       come.
 *   <li><b>An election reused.</b> Nothing resets that state when the node wins and later becomes a
 *       replica again. A node that won, was failed over back, and is asked to fail over again
 *       within 2 x node-timeout (a spread restore right after a scale out or in does exactly this)
 *       "wins" at once with no election, under its old config epoch: the other nodes answer with
 *       UPDATE and it is a replica again within milliseconds, its failover lost.
 * </ul>
 *
 * So this agent notes when each node started an election (its auth-req counter moved) or became
 * master, in {@link ElectionLog}, and sends CLUSTER FAILOVER to it only once the retry time since
 * has passed; a win taken back within the hold time counts as a reused election. Every wait ends
 * with the call's budget (its gRPC deadline), or when the call is cancelled (its controller killed):
 * then nothing more is sent. A node whose election this agent did not see (an
 * automatic failover, an agent restarted in between) is still caught when its reused win is seen.
 */
final class ClusterFailoverAttempts {

  /** Redis' manual-failover timeout and a margin for the last gossip round. */
  static final Duration ATTEMPT = Duration.ofMillis(6_000);
  /**
   * How long a new master must stay one: a win under a stale epoch is taken back by the first
   * UPDATE, one round trip after its claim (about 60 ms on loopback); a real win also ends this
   * early, when the old master is seen following the node.
   */
  static final Duration HOLD = Duration.ofMillis(500);
  static final int MAX_ATTEMPTS = 3;

  private final RedisAdmin redis;
  private final ElectionLog elections;
  private final Duration attempt;
  private final Duration poll;
  private final Duration hold;

  ClusterFailoverAttempts(RedisAdmin redis, ElectionLog elections) {
    // polled every 20 ms: a win under a reused election lasts about 60 ms before UPDATE takes it
    // back, and only a win seen is known to have been taken back (a lapse looks the same after)
    this(redis, elections, ATTEMPT, Duration.ofMillis(20), HOLD);
  }

  ClusterFailoverAttempts(RedisAdmin redis, ElectionLog elections, Duration attempt, Duration poll, Duration hold) {
    this.redis = redis;
    this.elections = elections;
    this.attempt = attempt;
    this.poll = poll;
    this.hold = hold;
  }

  /**
   * Sends CLUSTER FAILOVER {@code mode} until the node is a master that stays one, at most
   * {@link #MAX_ATTEMPTS} times and within {@code budget}; returns how many were sent. A node
   * still a replica after the last one is left to the controller's wait-failover step, which
   * fails naming it.
   */
  int run(int port, String mode, Duration budget, BooleanSupplier cancelled) throws AgentException {
    long end = System.nanoTime() + budget.toNanos();
    int sent = 0;
    while (sent < MAX_ATTEMPTS && redis.info(port).isReplica()) {
      waitForElectionRetry(port, end, cancelled);
      if (cancelled.getAsBoolean()) {
        // the controller that asked is gone (killed, or gave up): a failover sent now could act
        // on a plan its successor has already replaced; the next apply decides again
        throw new AgentException(AgentException.Kind.RETRYABLE, "node " + port
            + ": CLUSTER FAILOVER not sent: the call was cancelled (its controller went away)");
      }
      Optional<String> master = masterId(port);
      long elections = redis.electionsStarted(port);
      redis.clusterFailover(port, mode);
      sent++;
      long deadline = System.nanoTime() + attempt.toNanos();
      NodeInfo now = redis.info(port);
      while (now.isReplica() && System.nanoTime() < deadline) {
        pause(poll.toNanos());
        now = redis.info(port);
      }
      boolean promoted = !now.isReplica();
      boolean held = promoted && holds(port, master);
      if (promoted || redis.electionsStarted(port) > elections) {
        this.elections.started(port, now.runId(), retryTime(port));
      }
      if (held) {
        return sent;
      }
    }
    return sent;
  }

  /** Until Redis will start a new election on the node (as far as this agent saw), or the budget ends. */
  private void waitForElectionRetry(int port, long end, BooleanSupplier cancelled) throws AgentException {
    long left = elections.blockedFor(port, redis.info(port).runId());
    long budget = end - System.nanoTime() - attempt.toNanos();
    long until = System.nanoTime() + Math.min(left, Math.max(0, budget));
    while (System.nanoTime() < until && !cancelled.getAsBoolean()) {
      pause(Math.min(100_000_000L, until - System.nanoTime()));
    }
  }

  /**
   * The node stays master for the hold time, or its old master is seen following it before that.
   * One snapshot (one connection: INFO, CLUSTER INFO, CLUSTER NODES) per poll.
   */
  private boolean holds(int port, Optional<String> oldMaster) throws AgentException {
    long deadline = System.nanoTime() + hold.toNanos();
    while (System.nanoTime() < deadline) {
      RedisAdmin.Snapshot now = redis.snapshot(port);
      if (now.info().isReplica()) {
        return false;
      }
      if (oldMaster.isPresent() && now.cluster().map(v -> follows(v, oldMaster.get())).orElse(false)) {
        return true;
      }
      pause(poll.toNanos());
    }
    return !redis.info(port).isReplica();
  }

  private static boolean follows(ClusterTopology view, String oldMaster) {
    return view.node(oldMaster).filter(n -> n.has("slave") && n.masterId().equals(view.myId())).isPresent();
  }

  private Optional<String> masterId(int port) throws AgentException {
    return redis.clusterView(port).me().map(ClusterPeer::masterId).filter(id -> !id.isEmpty());
  }

  /** Redis' election retry time (auth_retry_time in cluster.c) and a margin for its cron. */
  private Duration retryTime(int port) throws AgentException {
    long nodeTimeout = 15_000; // Redis' default, when the running value cannot be read
    String value = redis.configGet(port, List.of("cluster-node-timeout")).get("cluster-node-timeout");
    if (value != null && value.strip().matches("\\d{1,12}")) {
      nodeTimeout = Long.parseLong(value.strip());
    }
    return Duration.ofMillis(2 * Math.max(2 * nodeTimeout, 2_000) + 500);
  }

  private static void pause(long nanos) throws AgentException {
    try {
      Thread.sleep(Math.max(1, nanos / 1_000_000));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AgentException(AgentException.Kind.RETRYABLE, "interrupted while waiting for CLUSTER FAILOVER");
    }
  }
}
