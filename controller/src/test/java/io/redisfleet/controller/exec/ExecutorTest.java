package io.redisfleet.controller.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.redisfleet.controller.model.DesiredNode;
import io.redisfleet.controller.model.Membership;
import io.redisfleet.controller.model.NodeRef;
import io.redisfleet.controller.plan.Reason;
import io.redisfleet.controller.plan.Step;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ExecutorTest {

  private final ExecutorService pool = Executors.newFixedThreadPool(4);
  private final List<String> journal = RecordingAgent.journal();
  private final List<StepResult> seen = new ArrayList<>();

  @AfterEach
  void stop() {
    pool.shutdownNow();
  }

  private Executor executor(Set<String> failing) {
    Fleet fleet = new Fleet(Map.of("h1", new RecordingAgent("h1", journal, failing),
        "h2", new RecordingAgent("h2", journal, Set.of())));
    return new Executor(fleet, pool, seen::add);
  }

  private static Step.ApplyNode apply(String host, int port, Reason.Code code) {
    return new Step.ApplyNode(new DesiredNode(new NodeRef(host, port), new Membership.GroupMaster("g"), List.of()),
        Optional.empty(), Reason.of(code, code.name()));
  }

  @Test
  void restartsRunOneAtATimeInPlanOrderAndWaitsAreBarriers() throws Exception {
    List<Step> steps = List.of(
        apply("h1", 7001, Reason.Code.CONF_CHANGED_RESTART),
        new Step.WaitReplicasLinked("node h1:7001", List.of(new NodeRef("h1", 7001)), Duration.ofSeconds(5),
            Reason.of(Reason.Code.AWAIT_CONVERGENCE, "back")),
        apply("h2", 7002, Reason.Code.CONF_CHANGED_RESTART));
    List<StepResult> results = executor(Set.of()).execute(new io.redisfleet.controller.plan.Plan(steps, List.of(), List.of()));
    assertTrue(results.stream().allMatch(StepResult.Done.class::isInstance), results.toString());
    assertEquals(List.of("h1 apply 7001", "h1 observe [7001]", "h2 apply 7002"), journal);
  }

  @Test
  void aFailureSkipsEverythingAfterItsBatch() throws Exception {
    List<Step> steps = List.of(
        apply("h1", 7000, Reason.Code.NEW_NODE),
        apply("h2", 7003, Reason.Code.NEW_NODE),
        new Step.SetConfigEpoch("c", new NodeRef("h2", 7003), 1, Reason.of(Reason.Code.CLUSTER_NOT_FORMED, "x")));
    List<StepResult> results = executor(Set.of("apply 7000")).execute(new io.redisfleet.controller.plan.Plan(steps, List.of(), List.of()));
    assertTrue(results.get(0) instanceof StepResult.Failed f && f.message().contains("host h1"), results.toString());
    assertTrue(results.get(1) instanceof StepResult.Done, "the parallel sibling still ran");
    assertTrue(results.get(2) instanceof StepResult.Skipped, results.toString());
    assertTrue(journal.stream().noneMatch(c -> c.contains("epoch")), journal.toString());
    assertEquals(2, seen.size(), "the listener hears every step that ran");
  }
}
