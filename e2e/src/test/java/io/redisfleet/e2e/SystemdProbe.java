package io.redisfleet.e2e;

import io.redisfleet.agent.AgentConfig;
import io.redisfleet.agent.AgentException;
import io.redisfleet.agent.fs.NodeLayout;
import io.redisfleet.agent.service.SystemdServiceManager;
import java.time.Duration;

/**
 * Runs inside an e2e host against the installed agent jar:
 * {@code java -cp /usr/share/redis-fleet/redis-fleet-agent.jar:/opt/probe io.redisfleet.e2e.SystemdProbe OP PORT}.
 * Prints one line per result; exits 1 with the AgentException's kind and message on failure.
 */
public final class SystemdProbe {

  private SystemdProbe() {}

  public static void main(String[] args) {
    SystemdServiceManager manager = new SystemdServiceManager(AgentConfig.installed("127.0.0.1"));
    NodeLayout node = AgentConfig.installed("127.0.0.1").node(Integer.parseInt(args[1]));
    Duration timeout = Duration.ofSeconds(30);
    try {
      switch (args[0]) {
        case "start" -> {
          manager.start(node, timeout);
          System.out.println("takeover: " + manager.takeoverOf(node).orElse("none"));
        }
        case "stop" -> manager.stop(node, timeout);
        case "restart" -> manager.restart(node, timeout);
        case "remove" -> manager.remove(node, timeout);
        case "status" -> {
          var status = manager.status(node);
          System.out.println("running=" + status.running() + " pid=" + status.pid()
              + " startedAtMillis=" + status.startedAtMillis());
        }
        default -> throw new IllegalArgumentException("unknown op " + args[0]);
      }
      System.out.println("ok " + args[0] + " " + SystemdServiceManager.unitOf(node));
    } catch (AgentException e) {
      System.out.println("failed " + e.kind() + ": " + e.getMessage());
      System.exit(1);
    }
  }
}
