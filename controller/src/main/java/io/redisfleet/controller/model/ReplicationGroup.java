package io.redisfleet.controller.model;

import java.util.List;
import java.util.Objects;

/** A classic master with replicas (no cluster), as the tutorial's 6379 -> 6378 pair. */
public record ReplicationGroup(String name, NodeDecl master, List<NodeDecl> replicas) {

  public ReplicationGroup {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(master, "master");
    replicas = List.copyOf(replicas);
  }
}
