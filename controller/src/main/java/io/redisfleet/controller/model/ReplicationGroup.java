package io.redisfleet.controller.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** A classic master with replicas (no cluster), as the tutorial's 6379 -> 6378 pair. */
public record ReplicationGroup(String name, NodeDecl master, List<NodeDecl> replicas,
    Optional<RedisAuth> auth, Optional<RedisTls> tls) {

  /** A plaintext group. */
  public ReplicationGroup(String name, NodeDecl master, List<NodeDecl> replicas, Optional<RedisAuth> auth) {
    this(name, master, replicas, auth, Optional.empty());
  }

  /** A group without authentication. */
  public ReplicationGroup(String name, NodeDecl master, List<NodeDecl> replicas) {
    this(name, master, replicas, Optional.empty());
  }

  public ReplicationGroup {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(master, "master");
    replicas = List.copyOf(replicas);
    Objects.requireNonNull(auth, "auth");
    Objects.requireNonNull(tls, "tls");
  }
}
