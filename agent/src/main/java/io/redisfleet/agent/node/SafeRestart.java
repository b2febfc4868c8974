package io.redisfleet.agent.node;

import io.redisfleet.agent.AgentException;
import io.redisfleet.agent.AgentException.Kind;
import io.redisfleet.agent.conf.ConfDiff;
import io.redisfleet.agent.fs.NodeLayout;
import io.redisfleet.agent.service.ServiceManager;
import java.util.List;
import java.util.Optional;

/**
 * Restarts a node whose new conf is on disk; when it does not come back (redis-server refuses
 * the conf, or it does not answer), the old conf goes back and the node is started with it, and
 * the restart fails with redis-server's own words (the directive and line it refused) — a node
 * is never left down on a conf it rejects.
 */
final class SafeRestart {

  private final NodeStarter starter;
  private final ServiceManager services;
  private final NodeFiles files;

  SafeRestart(NodeStarter starter, ServiceManager services, NodeFiles files) {
    this.starter = starter;
    this.services = services;
    this.files = files;
  }

  /** What brings the node up with its new conf; returns what it took over (see NodeStarter.start). */
  @FunctionalInterface
  interface Up {
    Optional<String> run() throws AgentException;
  }

  void restart(NodeLayout node, String old) throws AgentException {
    bringUp(node, old, () -> {
      starter.restart(node);
      return Optional.empty();
    }, "restart");
  }

  /** Starts a stopped node with its new conf; with the old one when the new one is refused. */
  Optional<String> start(NodeLayout node, boolean cluster, String old) throws AgentException {
    return bringUp(node, old, () -> starter.start(node, cluster), "start");
  }

  private Optional<String> bringUp(NodeLayout node, String old, Up up, String what) throws AgentException {
    try {
      return up.run();
    } catch (AgentException refused) {
      files.writeConf(node, old, "put the previous conf back after the failed " + what);
      String again;
      try {
        List<List<String>> cluster = ConfDiff.parse(old).getOrDefault("cluster-enabled", List.of());
        starter.start(node, cluster.contains(List.of("yes")));
        again = "the previous conf " + node.confFile() + " was put back and the node started again with it (pid "
            + services.status(node).pid() + ")";
      } catch (AgentException alsoDown) {
        again = "the previous conf " + node.confFile() + " was put back, but the node did not start with it either: "
            + alsoDown.getMessage();
      }
      throw new AgentException(Kind.NEEDS_OPERATOR, "node " + node.port() + ": " + what + " with the new conf failed: "
          + refused.getMessage() + "; " + again, refused);
    }
  }
}
