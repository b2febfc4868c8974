package io.redisfleet.controller.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.redisfleet.controller.model.PlanReport;
import io.redisfleet.controller.agentclient.AgentCallException;
import io.redisfleet.controller.agentclient.AgentClient;
import io.redisfleet.controller.model.NodeRef;
import io.redisfleet.controller.plan.Plan;
import io.redisfleet.controller.plan.Problem;
import io.redisfleet.controller.plan.Reason;
import io.redisfleet.controller.plan.Step;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Each reached agent gets its host's share of the plan; an agent that refuses the report fails nothing. */
class PlanReporterTest {

  private final ExecutorService pool = Executors.newFixedThreadPool(4);
  private final Map<String, PlanReport> received = new ConcurrentHashMap<>();

  @AfterEach
  void stop() {
    pool.shutdownNow();
  }

  @Test
  void eachHostGetsTheStepsTouchingItsNodesAndTheUnreachableNone() throws Exception {
    Plan plan = new Plan(List.of(remove("h1:7000"), remove("h1:7001"), remove("h2:7000")),
        List.of(new Problem(Problem.Scope.cluster("c"), Problem.Code.REFUSED, "refused")), List.of(), List.of("h3"));
    PlanReporter.report(Map.of("h1", client("h1", false), "h2", client("h2", false), "h3", client("h3", false),
        "h4", client("h4", false)), plan, "apply", pool);
    assertEquals(2, received.get("h1").pendingSteps());
    assertEquals(1, received.get("h2").pendingSteps());
    assertEquals(0, received.get("h4").pendingSteps());
    assertFalse(received.containsKey("h3"), "h3 did not answer the observation: not reported to");
    assertTrue(received.get("h4").incomplete());
    assertEquals(1, received.get("h4").problems());
    assertEquals("apply", received.get("h1").command());
  }

  @Test
  void anOldAgentWithoutReportPlanFailsNothing() throws Exception {
    Plan plan = new Plan(List.of(remove("h1:7000")), List.of(), List.of());
    PlanReporter.report(Map.of("h1", client("h1", true), "h2", client("h2", false)), plan, "plan", pool);
    assertEquals(0, received.get("h2").pendingSteps());
    assertFalse(received.get("h2").incomplete());
    assertFalse(received.containsKey("h1"));
  }

  private static Step remove(String ref) {
    String[] p = ref.split(":");
    return new Step.RemoveNode(new NodeRef(p[0], Integer.parseInt(p[1])), false, 0,
        new Reason(Reason.Code.NOT_RUNNING, "test"));
  }

  /** An agent client answering only host() and reportPlan (UNIMPLEMENTED, as an old agent, when {@code old}). */
  private AgentClient client(String host, boolean old) {
    return (AgentClient) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {AgentClient.class},
        (proxy, method, args) -> switch (method.getName()) {
          case "host" -> host;
          case "reportPlan" -> {
            if (old) {
              throw new AgentCallException(host, "report-plan", "UNIMPLEMENTED: unknown method", false, null);
            }
            received.put(host, (PlanReport) args[0]);
            yield null;
          }
          default -> throw new UnsupportedOperationException(method.getName());
        });
  }
}
