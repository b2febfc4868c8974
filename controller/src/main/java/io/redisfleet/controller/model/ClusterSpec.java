package io.redisfleet.controller.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A Redis Cluster: its nodes and how many replicas each master gets. Which nodes become masters
 * is the planner's choice (placement), not the inventory's.
 *
 * @param restoreSpread whether apply moves masters back (coordinated CLUSTER FAILOVER) when the
 *     observed layout could not survive losing one host, rack or zone (plan/SpreadPlanner)
 */
public record ClusterSpec(String name, int replicas, List<NodeDecl> nodes, Optional<RedisAuth> auth,
    Optional<RedisTls> tls, boolean restoreSpread) {

  /** A cluster whose master spread apply restores (the default). */
  public ClusterSpec(String name, int replicas, List<NodeDecl> nodes, Optional<RedisAuth> auth,
      Optional<RedisTls> tls) {
    this(name, replicas, nodes, auth, tls, true);
  }

  /** A plaintext cluster. */
  public ClusterSpec(String name, int replicas, List<NodeDecl> nodes, Optional<RedisAuth> auth) {
    this(name, replicas, nodes, auth, Optional.empty());
  }

  /** A cluster without authentication. */
  public ClusterSpec(String name, int replicas, List<NodeDecl> nodes) {
    this(name, replicas, nodes, Optional.empty());
  }

  public ClusterSpec {
    Objects.requireNonNull(name, "name");
    nodes = List.copyOf(nodes);
    Objects.requireNonNull(auth, "auth");
    Objects.requireNonNull(tls, "tls");
    if (replicas < 0) {
      throw new IllegalArgumentException("replicas < 0");
    }
  }

  public int masterCount() {
    return nodes.size() / (replicas + 1);
  }

  public List<NodeRef> refs() {
    return nodes.stream().map(NodeDecl::ref).toList();
  }
}
