package io.redisfleet.controller.model;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A host of the inventory.
 *
 * @param name the inventory name ({@code hosts.h1} is "h1")
 * @param address where the agent and the host's Redis nodes are reached
 * @param agentPort the agent's gRPC port
 * @param agent embedded (in the controller) or remote
 * @param labels free-form placement labels, e.g. rack and zone
 * @param stateDir for an embedded agent: where node confs and data go (absolute)
 */
public record Host(
    String name, String address, int agentPort, AgentMode agent, Map<String, String> labels,
    Optional<String> stateDir) {

  public static final int DEFAULT_AGENT_PORT = 7781;

  public Host {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(agent, "agent");
    labels = Map.copyOf(labels);
    Objects.requireNonNull(stateDir, "stateDir");
  }
}
