package io.redisfleet.controller.model;

import java.util.List;
import java.util.Objects;

/** One node as the inventory wants it: where, what it belongs to, its directives. */
public record DesiredNode(NodeRef ref, Membership membership, List<Directive> directives) {

  public DesiredNode {
    Objects.requireNonNull(ref, "ref");
    Objects.requireNonNull(membership, "membership");
    directives = List.copyOf(directives);
  }

  public boolean clusterEnabled() {
    return membership instanceof Membership.ClusterMember;
  }
}
