package io.redisfleet.controller.exec;

import io.redisfleet.controller.plan.safety.Invariant;
import io.redisfleet.controller.model.ObservedNode;
import io.redisfleet.controller.agentclient.AgentCallException;
import io.redisfleet.controller.model.NodeRef;

/**
 * Re-checks, right before a replica is pointed at a node or a node is handed a master role, that
 * the node is the redis-server redis-fleet runs there: its agent has a conf for it, runs its
 * process, and that process (by PID, checked by the agent) is what answers the port. A foreign
 * server on the port, or a node that failed to start, is never made anyone's master.
 */
final class NodeIdentity {

  private NodeIdentity() {}

  static void confirm(Fleet fleet, NodeRef node, String purpose) throws AgentCallException, StepFailure {
    ObservedNode s = fleet.observe(node);
    String problem = !s.managed()
        ? "is not a node redis-fleet runs (its agent has no conf for port " + node.port() + ")"
            + (s.reachable() ? "; a redis-server it did not start answers there (run id " + s.runId() + ")" : "")
        : !s.running() ? "is not running"
        : !s.reachable() ? "does not answer as itself: " + s.error()
        : null;
    if (problem != null) {
      throw new StepFailure("invariant " + Invariant.NO_FOREIGN_MASTER.name() + " (" + Invariant.NO_FOREIGN_MASTER.rule()
          + "): host " + node.host() + ": " + node + " " + problem + "; not " + purpose);
    }
  }
}
