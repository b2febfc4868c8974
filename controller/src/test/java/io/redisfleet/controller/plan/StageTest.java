package io.redisfleet.controller.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.redisfleet.controller.model.DesiredNode;
import io.redisfleet.controller.model.Membership;
import io.redisfleet.controller.model.NodeRef;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The plan's contract with the executor: which steps run at once, and where the barriers are. */
class StageTest {

  private static DesiredNode node(String node) {
    return new DesiredNode(Fixtures.ref(node), new Membership.ClusterMember("main"), List.of());
  }

  private static Step apply(String node, Reason.Code code) {
    return new Step.ApplyNode(node(node), Optional.empty(), Reason.of(code, code.name()));
  }

  private static Step rotate(String node, io.redisfleet.controller.model.PasswordPhase phase) {
    return new Step.RotatePassword("cluster main", node(node), phase, Reason.of(Reason.Code.PASSWORD_ROTATION, "x"));
  }

  private static List<Integer> sizes(List<Step> steps) {
    return Stage.of(steps).stream().map(s -> s.steps().size()).toList();
  }

  @Test
  void consecutiveParallelStepsOfOneKindShareAStageAndAWaitEndsIt() {
    List<NodeRef> all = List.of(Fixtures.ref("h1:7000"), Fixtures.ref("h2:7000"));
    List<Step> steps = List.of(apply("h1:7000", Reason.Code.NEW_NODE), apply("h2:7000", Reason.Code.NEW_NODE),
        new Step.WaitClusterJoined("main", all, Duration.ofSeconds(1), Reason.of(Reason.Code.AWAIT_CONVERGENCE, "x")),
        apply("h3:7000", Reason.Code.NEW_NODE));
    assertEquals(List.of(2, 1, 1), sizes(steps));
  }

  @Test
  void restartsAreStagesOfTheirOwn() {
    List<Step> steps = List.of(apply("h1:7000", Reason.Code.CONF_CHANGED_RESTART),
        apply("h2:7000", Reason.Code.CONF_CHANGED_RESTART), apply("h3:7000", Reason.Code.CONF_CHANGED_RESTART));
    assertEquals(List.of(1, 1, 1), sizes(steps));
  }

  @Test
  void passwordPhasesAreSeparatedByABarrier() {
    List<Step> steps = List.of(rotate("h1:7000", io.redisfleet.controller.model.PasswordPhase.ACCEPT_NEW),
        rotate("h2:7000", io.redisfleet.controller.model.PasswordPhase.ACCEPT_NEW),
        rotate("h1:7000", io.redisfleet.controller.model.PasswordPhase.SWITCH_MASTERAUTH),
        rotate("h2:7000", io.redisfleet.controller.model.PasswordPhase.SWITCH_MASTERAUTH));
    assertEquals(List.of(2, 2), sizes(steps));
  }

  @Test
  void certificateReloadsRunOneAtATimeForTheyMayRestart() {
    List<Step> steps = List.of(apply("h1:7000", Reason.Code.TLS_RELOAD), apply("h2:7000", Reason.Code.TLS_RELOAD),
        apply("h3:7000", Reason.Code.CONF_CHANGED_LIVE), apply("h4:7000", Reason.Code.CONF_CHANGED_LIVE));
    assertEquals(List.of(1, 1, 2), sizes(steps));
  }

  @Test
  void aBarrierSplitsStepsOfOneKind() {
    List<Step> steps = List.of(apply("h1:7000", Reason.Code.NEW_NODE), apply("h2:7000", Reason.Code.NEW_NODE),
        apply("h3:7000", Reason.Code.NEW_NODE), apply("h4:7000", Reason.Code.NEW_NODE));
    assertEquals(List.of(2, 2), Stage.of(steps, java.util.Set.of(2)).stream().map(s -> s.steps().size()).toList());
    assertEquals(List.of(4), sizes(steps));
    Plan plan = new Plan(steps, List.of(), List.of(), List.of(), List.of(), java.util.Set.of(2));
    assertEquals(List.of(2, 2), plan.stages().stream().map(s -> s.steps().size()).toList());
    assertEquals(java.util.Set.of(), plan.prefix(2, List.of()).barriers(), "a cut plan keeps only its own barriers");
  }

  @Test
  void theStagesHoldEveryStepInPlanOrder() {
    List<Step> steps = List.of(apply("h1:7000", Reason.Code.NEW_NODE), apply("h2:7000", Reason.Code.CONF_CHANGED_RESTART),
        apply("h3:7000", Reason.Code.NEW_NODE));
    assertEquals(steps, new Plan(steps, List.of(), List.of()).stages().stream().flatMap(s -> s.steps().stream()).toList());
  }
}
