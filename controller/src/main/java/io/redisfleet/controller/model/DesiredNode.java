package io.redisfleet.controller.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One node as the inventory wants it: where, what it belongs to, its directives, and the engine
 * its cluster or group asks for (empty: whichever the host has installed).
 */
public record DesiredNode(NodeRef ref, Membership membership, List<Directive> directives,
    Optional<RedisAuth> auth, Optional<RedisTls> tls, Optional<Engine> engine) {

  /** Any engine. */
  public DesiredNode(NodeRef ref, Membership membership, List<Directive> directives, Optional<RedisAuth> auth,
      Optional<RedisTls> tls) {
    this(ref, membership, directives, auth, tls, Optional.empty());
  }

  /** A node without authentication. */
  public DesiredNode(NodeRef ref, Membership membership, List<Directive> directives) {
    this(ref, membership, directives, Optional.empty());
  }

  /** A plaintext node. */
  public DesiredNode(NodeRef ref, Membership membership, List<Directive> directives, Optional<RedisAuth> auth) {
    this(ref, membership, directives, auth, Optional.empty());
  }

  public DesiredNode {
    Objects.requireNonNull(ref, "ref");
    Objects.requireNonNull(membership, "membership");
    directives = List.copyOf(directives);
    Objects.requireNonNull(auth, "auth");
    Objects.requireNonNull(tls, "tls");
    Objects.requireNonNull(engine, "engine");
  }

  public boolean clusterEnabled() {
    return membership instanceof Membership.ClusterMember;
  }
}
