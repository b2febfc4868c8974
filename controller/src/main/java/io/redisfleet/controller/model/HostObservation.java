package io.redisfleet.controller.model;

import java.util.List;
import java.util.Map;

/** What the controller learned from one host's agent. */
public sealed interface HostObservation {

  String host();

  /**
   * The agent answered.
   *
   * @param installed the server binary the host runs nodes with
   * @param running what each node's process runs now, by port (absent when not known)
   */
  record Reachable(String host, String backend, String redisVersion, List<Integer> managedPorts,
      Map<Integer, ObservedNode> nodes, InstalledServer installed, Map<Integer, ServerVersion> running)
      implements HostObservation {
    public Reachable {
      managedPorts = List.copyOf(managedPorts);
      nodes = Map.copyOf(nodes);
      java.util.Objects.requireNonNull(installed, "installed");
      running = Map.copyOf(running);
    }

    /** Without server facts (planner tests). */
    public Reachable(String host, String backend, String redisVersion, List<Integer> managedPorts,
        Map<Integer, ObservedNode> nodes) {
      this(host, backend, redisVersion, managedPorts, nodes, InstalledServer.UNKNOWN, Map.of());
    }
  }

  /** The agent did not answer; nothing is known about the host's nodes. */
  record Unreachable(String host, String error) implements HostObservation {}
}
