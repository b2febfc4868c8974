package io.redisfleet.controller.model;

import java.util.List;
import java.util.Map;

/** What the controller learned from one host's agent. */
public sealed interface HostObservation {

  String host();

  /**
   * The agent answered.
   *
   * @param installed the host's default server binary
   * @param running what each node's process runs now, by port (absent when not known)
   * @param servers every server binary the host has, one per engine, the default first
   */
  record Reachable(String host, String backend, String redisVersion, List<Integer> managedPorts,
      Map<Integer, ObservedNode> nodes, InstalledServer installed, Map<Integer, ServerVersion> running,
      List<InstalledServer> servers)
      implements HostObservation {
    public Reachable {
      managedPorts = List.copyOf(managedPorts);
      nodes = Map.copyOf(nodes);
      java.util.Objects.requireNonNull(installed, "installed");
      running = Map.copyOf(running);
      servers = List.copyOf(servers);
    }

    /** One server binary (an agent that lists none, or a test). */
    public Reachable(String host, String backend, String redisVersion, List<Integer> managedPorts,
        Map<Integer, ObservedNode> nodes, InstalledServer installed, Map<Integer, ServerVersion> running) {
      this(host, backend, redisVersion, managedPorts, nodes, installed, running,
          installed.version().known() ? List.of(installed) : List.of());
    }

    /** The installed binary of {@code engine}, if the host has one. */
    public java.util.Optional<InstalledServer> server(String engine) {
      return servers.stream().filter(s -> s.version().engine().equals(engine)).findFirst();
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
