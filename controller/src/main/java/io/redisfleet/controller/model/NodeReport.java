package io.redisfleet.controller.model;

import java.util.Optional;

/**
 * One node as its agent reported it: the observed node (no conf drift: that is a separate dry run)
 * and, when it answered, the engine and version of the server process running it.
 */
public record NodeReport(ObservedNode node, Optional<ServerVersion> running) {

  /** This report with the node's conf drift (the agent's dry run of its declared spec). */
  public NodeReport withDrift(ConfDrift drift) {
    return new NodeReport(node.withDrift(drift), running);
  }
}
