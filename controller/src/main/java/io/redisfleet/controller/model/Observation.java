package io.redisfleet.controller.model;

import java.util.Map;
import java.util.Optional;

/** The observed state of the whole fleet at one moment, by inventory host name. */
public record Observation(Map<String, HostObservation> hosts) {

  public Observation {
    hosts = Map.copyOf(hosts);
  }

  public Optional<ObservedNode> node(NodeRef ref) {
    return hosts.get(ref.host()) instanceof HostObservation.Reachable r
        ? Optional.ofNullable(r.nodes().get(ref.port()))
        : Optional.empty();
  }

  /** What the node's process runs now, as its agent reported it (empty when not known). */
  public Optional<ServerVersion> running(NodeRef ref) {
    return hosts.get(ref.host()) instanceof HostObservation.Reachable r
        ? Optional.ofNullable(r.running().get(ref.port()))
        : Optional.empty();
  }

  public boolean hostReachable(String host) {
    return hosts.get(host) instanceof HostObservation.Reachable;
  }
}
