package io.redisfleet.controller.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.redisfleet.agent.metrics.AgentFacts;
import io.redisfleet.agent.metrics.AgentMetrics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fleet drift on the agents' metrics, end to end: the real CLI's plan reports each host's pending
 * steps to its real agent over gRPC, apply reports none once converged, and a plan missing a host
 * tells the agents it reached that it was incomplete.
 */
class PlanReportIT {

  @TempDir
  Path dir;

  private Agents agents;

  @AfterEach
  void stop() {
    agents.close();
  }

  @Test
  void planAndApplyReportTheirPlanToEveryAgentTheyReached() throws Exception {
    agents = new Agents(dir);
    List<Integer> ports = FreePorts.pick(2);
    int agentA = agents.start("a", "127.0.0.1");
    int agentB = agents.start("b", "127.0.0.2");
    Path inventory = dir.resolve("fleet.conf");
    Files.writeString(inventory, String.join("\n",
        "hosts {",
        "  a { address = \"127.0.0.1\", agent-port = " + agentA + " }",
        "  b { address = \"127.0.0.2\", agent-port = " + agentB + " }",
        "}",
        "replication.pair { master = \"a:" + ports.get(0) + "\", replicas = [ \"b:" + ports.get(1) + "\" ] }", ""));
    String file = inventory.toString();

    Cli plan = Cli.run("plan", file);
    assertEquals(2, plan.exit(), plan.toString());
    for (String host : List.of("a", "b")) {
      String m = metrics(host);
      assertTrue(pending(m) > 0, "host " + host + " has its nodes to create: " + m);
      assertTrue(m.contains("\nredisfleet_plan_incomplete 0\n"), m);
      assertTrue(m.contains("\nredisfleet_plan_reported_timestamp_seconds "), m);
    }

    Cli apply = Cli.run("apply", file, "--skip-preflight");
    assertEquals(0, apply.exit(), apply.toString());
    assertEquals(0, pending(metrics("a")), metrics("a"));
    assertEquals(0, pending(metrics("b")), metrics("b"));

    agents.stop("b");
    Cli incomplete = Cli.run("plan", file);
    assertEquals(1, incomplete.exit(), incomplete.toString());
    assertTrue(metrics("a").contains("\nredisfleet_plan_incomplete 1\n"), metrics("a"));
  }

  private String metrics(String host) throws Exception {
    return AgentMetrics.render(AgentFacts.of(agents.service(host), "test", Optional.empty()).call(), Clock.systemUTC());
  }

  private static long pending(String metrics) {
    return metrics.lines().filter(l -> l.startsWith("redisfleet_plan_pending_steps "))
        .mapToLong(l -> Long.parseLong(l.substring(l.indexOf(' ') + 1))).findFirst()
        .orElseThrow(() -> new AssertionError("no redisfleet_plan_pending_steps: " + metrics));
  }
}
