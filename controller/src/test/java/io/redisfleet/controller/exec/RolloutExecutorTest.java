package io.redisfleet.controller.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.redisfleet.controller.model.DesiredNode;
import io.redisfleet.controller.model.Endpoint;
import io.redisfleet.controller.model.Membership;
import io.redisfleet.controller.model.NodeRef;
import io.redisfleet.controller.plan.Reason;
import io.redisfleet.controller.plan.Rollout;
import io.redisfleet.controller.plan.Step;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The executor over recording fake agents: batches, failed hosts, the failure budget, --limit. */
class RolloutExecutorTest {

  private final List<String> log = RecordingAgent.journal();
  private final Set<String> failingOnA = new java.util.HashSet<>();
  private final Map<String, RecordingAgent> agents = Map.of("a", new RecordingAgent("a", log, failingOnA),
      "b", new RecordingAgent("b", log, Set.of()), "c", new RecordingAgent("c", log, Set.of()),
      "d", new RecordingAgent("d", log, Set.of()));
  private final ExecutorService pool = Executors.newFixedThreadPool(4);

  @AfterEach
  void stop() {
    pool.shutdownNow();
  }

  private static Step apply(String host, int port) {
    return new Step.ApplyNode(new DesiredNode(new NodeRef(host, port), new Membership.GroupMaster("g" + port), List.of()),
        Optional.empty(), Reason.of(Reason.Code.NEW_NODE, "new node"));
  }

  private static Step replicaOf(String host, int port, String masterHost, int masterPort) {
    return new Step.ReplicaOf("g", new NodeRef(host, port), new NodeRef(masterHost, masterPort),
        new Endpoint(masterHost, masterPort), Reason.of(Reason.Code.REPLICA_NOT_ATTACHED, "attach"));
  }

  private List<StepResult> run(List<Step> steps, RolloutState state) throws InterruptedException {
    return new Executor(new Fleet(Map.copyOf(agents)), pool, r -> { }).execute(io.redisfleet.controller.plan.Stage.of(steps), Map.of(), state);
  }

  private static long count(List<StepResult> results, Class<?> kind) {
    return results.stream().filter(kind::isInstance).count();
  }

  @Test
  void budgetStopsTheRolloutAndTheRestIsNotAttempted() throws Exception {
    failingOnA.add("apply 1");
    List<Step> steps = List.of(apply("a", 1), apply("b", 2), apply("c", 3), replicaOf("c", 4, "b", 2));
    RolloutState state = new RolloutState(new Rollout(Rollout.Size.count(1), Rollout.Size.count(1), Set.of()), 4);
    state.unreachable("d"); // one agent down: the first failure of the budget
    List<StepResult> results = run(steps, state);
    assertEquals(List.of("a apply 1"), log, "batch of one host; stopped after a failed");
    assertEquals(1, count(results, StepResult.Failed.class));
    assertEquals(3, count(results, StepResult.Skipped.class));
    results.stream().filter(StepResult.Skipped.class::isInstance).map(StepResult.Skipped.class::cast)
        .forEach(s -> assertEquals(StepResult.Cause.STOPPED, s.cause()));
    assertTrue(state.stopped().orElseThrow().contains("2 of 4 host(s) failed [a, d]"), state.stopped().get());
  }

  @Test
  void withoutBudgetAFailedHostIsLeftOutAndTheOthersGoOn() throws Exception {
    failingOnA.add("apply 1");
    List<Step> steps = List.of(apply("a", 1), apply("b", 2), replicaOf("b", 3, "a", 1), replicaOf("c", 4, "b", 2));
    List<StepResult> results = run(steps, new RolloutState(Rollout.DEFAULT, 4));
    assertTrue(log.containsAll(List.of("a apply 1", "b apply 2", "c replicaof 4")), log.toString());
    assertTrue(log.contains("b observe [2]"), "c:4's master b:2 is confirmed before REPLICAOF: " + log);
    assertEquals(3, log.stream().filter(l -> !l.contains("observe")).count(),
        "b:3 replicates a failed host's node: not attempted");
    StepResult.Skipped skipped = (StepResult.Skipped) results.stream()
        .filter(StepResult.Skipped.class::isInstance).findFirst().orElseThrow();
    assertEquals("host a failed earlier", skipped.why());
  }

  private static Step restart(String host, int port) {
    return new Step.ApplyNode(new DesiredNode(new NodeRef(host, port), new Membership.GroupMaster("g" + port), List.of()),
        Optional.empty(), Reason.of(Reason.Code.CONF_CHANGED_RESTART, "conf changed: databases (restart)"));
  }

  @Test
  void aFailedRestartStopsTheRollingRestartOnEveryHost() throws Exception {
    failingOnA.add("apply 1");
    List<Step> steps = List.of(restart("a", 1), restart("b", 2), apply("c", 3));
    List<StepResult> results = run(steps, new RolloutState(Rollout.DEFAULT, 4));
    assertEquals(List.of("a apply 1", "c apply 3"), log, "b is not restarted; a live change on c goes on");
    StepResult.Skipped skipped = (StepResult.Skipped) results.get(1);
    assertEquals(StepResult.Cause.STOPPED, skipped.cause());
    assertEquals("rolling restart stopped: the restart of a:1 failed", skipped.why());
  }

  @Test
  void limitChangesOnlyTheNamedHosts() throws Exception {
    List<Step> steps = List.of(apply("a", 1), apply("b", 2), replicaOf("b", 3, "a", 1));
    List<StepResult> results = run(steps, new RolloutState(new Rollout(Rollout.Size.all(), Rollout.Size.all(),
        Set.of("b")), 1));
    assertEquals(List.of("b apply 2"), log);
    assertEquals(2, results.stream().filter(r -> r instanceof StepResult.Skipped s
        && s.cause() == StepResult.Cause.OUTSIDE_LIMIT).count());
  }

  /** A master whose failover was skipped (its replica outside --limit) is not restarted in place. */
  @Test
  void aMasterWhoseFailoverIsSkippedIsNotRestartedInPlace() {
    RolloutState state = new RolloutState(new Rollout(Rollout.Size.all(), Rollout.Size.all(), Set.of("a")), 2);
    NodeRef master = new NodeRef("a", 1);
    Step failover = new Step.Failover("main", new NodeRef("b", 2), master,
        Reason.of(Reason.Code.FAILOVER_BEFORE_RESTART, "restart a:1"));
    assertEquals(StepResult.Cause.OUTSIDE_LIMIT, state.skip(failover).orElseThrow().cause());
    StepResult.Skipped restart = state.skip(restart("a", 1)).orElseThrow();
    assertEquals(StepResult.Cause.STOPPED, restart.cause());
    assertTrue(restart.why().contains("not restarted in place"), restart.why());
    assertTrue(state.skip(restart("a", 3)).isEmpty(), "another node of the host restarts as planned");
  }

  @Test
  void batchesRunInOrderOfHosts() throws Exception {
    List<Step> steps = List.of(apply("a", 1), apply("b", 2), apply("c", 3), apply("a", 4));
    run(steps, new RolloutState(new Rollout(Rollout.Size.count(1), Rollout.Size.all(), Set.of()), 4));
    assertEquals(Set.of("a apply 1", "a apply 4"), Set.copyOf(log.subList(0, 2)));
    assertEquals(List.of("b apply 2", "c apply 3"), log.subList(2, 4));
  }
}
