package io.redisfleet.agent.node;

import io.redisfleet.agent.AgentException;
import io.redisfleet.agent.redis.RedisAdmin;
import java.time.Duration;

/**
 * CLUSTER FAILOVER on a replica, sent again when Redis accepted it and then let it lapse. A
 * coordinated manual failover that the master does not pause for within Redis' manual-failover
 * timeout (CLUSTER_MF_TIMEOUT, 5 s in cluster.c) is aborted silently: the command said OK, the
 * replica stays a replica, and the controller's wait-failover step would wait for nothing until
 * its own timeout. Seen on loaded machines and after a controller killed mid-failover. A new
 * CLUSTER FAILOVER resets an attempt in progress, so it is sent again only after a whole timeout.
 */
final class ClusterFailoverAttempts {

  /** Redis' manual-failover timeout and a margin for the last gossip round. */
  static final Duration ATTEMPT = Duration.ofMillis(6_000);
  static final int MAX_ATTEMPTS = 3;

  private final RedisAdmin redis;
  private final Duration attempt;
  private final Duration poll;

  ClusterFailoverAttempts(RedisAdmin redis) {
    this(redis, ATTEMPT, Duration.ofMillis(100));
  }

  ClusterFailoverAttempts(RedisAdmin redis, Duration attempt, Duration poll) {
    this.redis = redis;
    this.attempt = attempt;
    this.poll = poll;
  }

  /**
   * Sends CLUSTER FAILOVER {@code mode} until the node is a master, at most {@link #MAX_ATTEMPTS}
   * times; returns how many were sent. A node still a replica after the last one is left to the
   * controller's wait-failover step, which fails naming it.
   */
  int run(int port, String mode) throws AgentException {
    int sent = 0;
    while (sent < MAX_ATTEMPTS && redis.info(port).isReplica()) {
      redis.clusterFailover(port, mode);
      sent++;
      long deadline = System.nanoTime() + attempt.toNanos();
      while (redis.info(port).isReplica() && System.nanoTime() < deadline) {
        pause();
      }
    }
    return sent;
  }

  private void pause() throws AgentException {
    try {
      Thread.sleep(poll.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AgentException(AgentException.Kind.RETRYABLE, "interrupted while waiting for CLUSTER FAILOVER");
    }
  }
}
