package io.redisfleet.controller.model;

import java.util.List;

/**
 * What a host's agent says about its host, mapped from the wire at the agent client.
 *
 * @param hostname the host's own name
 * @param serviceBackend how the agent runs nodes ("systemd" or "process")
 * @param managedPorts every port the agent has a node for, declared or not
 * @param installed the host's default server binary (a node naming no engine that never ran gets it)
 * @param servers every server binary the host has, one per engine, the default first
 */
public record AgentFacts(String hostname, String serviceBackend, List<Integer> managedPorts, InstalledServer installed,
    List<InstalledServer> servers) {

  public static final AgentFacts UNKNOWN = new AgentFacts("", "", List.of(), InstalledServer.UNKNOWN, List.of());

  public AgentFacts {
    managedPorts = List.copyOf(managedPorts);
    servers = List.copyOf(servers);
  }
}
