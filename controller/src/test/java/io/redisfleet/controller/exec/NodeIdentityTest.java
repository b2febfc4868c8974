package io.redisfleet.controller.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.redisfleet.controller.model.DesiredNode;
import io.redisfleet.controller.model.Endpoint;
import io.redisfleet.controller.model.Membership;
import io.redisfleet.controller.model.NodeRef;
import io.redisfleet.controller.plan.Reason;
import io.redisfleet.controller.plan.Step;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Right before a replica is pointed at a master, the executor re-checks through the agent that it is the fleet's node. */
class NodeIdentityTest {

  private static final NodeRef MASTER = new NodeRef("a", 6380);
  private static final NodeRef REPLICA = new NodeRef("b", 6381);
  private static final Reason WHY = Reason.of(Reason.Code.NEW_NODE, "new node");

  private final ExecutorService pool = Executors.newFixedThreadPool(2);
  private final List<String> log = new ArrayList<>();
  private final FakeAgent a = new FakeAgent("a", log);
  private final FakeAgent b = new FakeAgent("b", log);

  @AfterEach
  void stop() {
    pool.shutdownNow();
  }

  @Test
  void aForeignServerOnTheMastersPortGetsNoReplica() throws Exception {
    // answers, but the agent has no conf for the port: a redis-server it did not start
    a.states = port -> Observed.at("a", port).reachable().runId("foreign").node();
    for (Step step : List.of(startReplica(), replicaOf(), handOver())) {
      StepResult r = run(step).get(0);
      assertTrue(r instanceof StepResult.Failed f && f.message().contains("is not a node redis-fleet runs")
          && f.message().contains("host a"), r.toString());
    }
    assertEquals(List.of(), log, "nothing was sent to any agent");
  }

  @Test
  void aManagedNodeAnsweredByAnotherProcessGetsNoReplica() throws Exception {
    a.states = port -> Observed.at("a", port).managed().running()
        .error("port 6380 is answered by redis-server pid 77, not by this node (pid 42)").node();
    StepResult r = run(startReplica()).get(0);
    assertTrue(r instanceof StepResult.Failed f && f.message().contains("pid 77"), r.toString());
    assertEquals(List.of(), log);
  }

  @Test
  void theFleetsOwnMasterGetsItsReplica() throws Exception {
    a.states = port -> Observed.live("a", port).node();
    assertTrue(run(startReplica()).get(0) instanceof StepResult.Done);
    assertEquals(List.of("b:6381 apply-node"), log);
  }

  private List<StepResult> run(Step... steps) throws InterruptedException {
    return new Executor(new Fleet(Map.of("a", a, "b", b)), pool, r -> { }).execute(new io.redisfleet.controller.plan.Plan(List.of(steps), List.of(), List.of()));
  }

  private static Step startReplica() {
    return new Step.ApplyNode(new DesiredNode(REPLICA, new Membership.GroupReplica("g", MASTER), List.of()),
        Optional.of(new Endpoint("127.0.0.1", 6380)), WHY);
  }

  private static Step replicaOf() {
    return new Step.ReplicaOf("g", REPLICA, MASTER, new Endpoint("127.0.0.1", 6380), WHY);
  }

  private static Step handOver() {
    return new Step.HandOverMaster("g", REPLICA, MASTER, new Endpoint("127.0.0.1", 6380), Duration.ofSeconds(1), WHY);
  }
}
