package io.redisfleet.controller.model;

import java.util.Map;
import java.util.Optional;

/**
 * Which engine the inventory asks for: per cluster, per group, else the default; empty means
 * whichever server a host has installed.
 */
public record Engines(Optional<Engine> fallback, Map<String, Engine> clusters, Map<String, Engine> groups) {

  public static final Engines ANY = new Engines(Optional.empty(), Map.of(), Map.of());

  public Engines {
    clusters = Map.copyOf(clusters);
    groups = Map.copyOf(groups);
  }

  public Optional<Engine> of(Membership membership) {
    Engine own = membership instanceof Membership.ClusterMember c ? clusters.get(c.cluster())
        : membership instanceof Membership.GroupMaster m ? groups.get(m.group())
        : membership instanceof Membership.GroupReplica r ? groups.get(r.group()) : null;
    return own != null ? Optional.of(own) : fallback;
  }
}
