package io.redisfleet.controller.model;

import java.time.Duration;
import java.util.Objects;

/**
 * Bounds on every wait the controller makes.
 *
 * @param rpc deadline of one agent call
 * @param clusterJoin until every node of a cluster agrees on the slot map and says ok
 * @param replicaSync until every replica's link to its master is up
 */
public record Timeouts(Duration rpc, Duration clusterJoin, Duration replicaSync) {

  public static final Timeouts DEFAULT =
      new Timeouts(Duration.ofSeconds(30), Duration.ofSeconds(60), Duration.ofSeconds(120));

  public Timeouts {
    Objects.requireNonNull(rpc, "rpc");
    Objects.requireNonNull(clusterJoin, "clusterJoin");
    Objects.requireNonNull(replicaSync, "replicaSync");
  }
}
