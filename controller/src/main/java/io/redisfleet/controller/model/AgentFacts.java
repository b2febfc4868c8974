package io.redisfleet.controller.model;

import java.util.List;

/**
 * What a host's agent says about its host, mapped from the wire at the agent client.
 *
 * @param hostname the host's own name
 * @param serviceBackend how the agent runs nodes ("systemd" or "process")
 * @param managedPorts every port the agent has a node for, declared or not
 * @param installed the server binary it runs nodes with
 */
public record AgentFacts(String hostname, String serviceBackend, List<Integer> managedPorts, InstalledServer installed) {

  public static final AgentFacts UNKNOWN = new AgentFacts("", "", List.of(), InstalledServer.UNKNOWN);

  public AgentFacts {
    managedPorts = List.copyOf(managedPorts);
  }
}
