package io.redisfleet.controller.model;

import java.util.List;
import java.util.Map;

/** What the controller learned from one host's agent. */
public sealed interface HostObservation {

  String host();

  /** The agent answered. */
  record Reachable(String host, String backend, String redisVersion, List<Integer> managedPorts,
      Map<Integer, ObservedNode> nodes) implements HostObservation {
    public Reachable {
      managedPorts = List.copyOf(managedPorts);
      nodes = Map.copyOf(nodes);
    }
  }

  /** The agent did not answer; nothing is known about the host's nodes. */
  record Unreachable(String host, String error) implements HostObservation {}
}
