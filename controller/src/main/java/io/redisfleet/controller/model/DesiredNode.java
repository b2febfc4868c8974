package io.redisfleet.controller.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** One node as the inventory wants it: where, what it belongs to, its directives. */
public record DesiredNode(NodeRef ref, Membership membership, List<Directive> directives,
    Optional<RedisAuth> auth) {

  /** A node without authentication. */
  public DesiredNode(NodeRef ref, Membership membership, List<Directive> directives) {
    this(ref, membership, directives, Optional.empty());
  }

  public DesiredNode {
    Objects.requireNonNull(ref, "ref");
    Objects.requireNonNull(membership, "membership");
    directives = List.copyOf(directives);
    Objects.requireNonNull(auth, "auth");
  }

  public boolean clusterEnabled() {
    return membership instanceof Membership.ClusterMember;
  }
}
