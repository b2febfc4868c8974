package io.redisfleet.controller.model;

import java.util.Objects;

/**
 * A node the inventory declares, named to an agent's probe so that it probes only those (and
 * their cluster bus ports).
 *
 * @param node the node's address and port
 * @param clusterPort its cluster-port directive; 0 when it has none (port + 10000) or is no cluster node
 */
public record ProbeNode(Endpoint node, int clusterPort) {
  public ProbeNode {
    Objects.requireNonNull(node, "node");
  }
}
