package io.redisfleet.controller.model;

import java.util.List;
import java.util.Objects;

/**
 * A node as declared in a cluster or replication group, with its effective directives:
 * defaults, then the group's own, then the node's own (a later directive of the same name wins).
 */
public record NodeDecl(NodeRef ref, List<Directive> directives) {

  public NodeDecl {
    Objects.requireNonNull(ref, "ref");
    directives = List.copyOf(directives);
  }
}
