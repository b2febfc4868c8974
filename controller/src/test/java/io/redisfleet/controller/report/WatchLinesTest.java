package io.redisfleet.controller.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.redisfleet.controller.exec.StepResult;
import io.redisfleet.controller.model.NodeRef;
import io.redisfleet.controller.plan.Problem;
import io.redisfleet.controller.plan.Reason;
import io.redisfleet.controller.plan.Step;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** apply --watch's lines: one per change (timestamp, host, node, step), none for a step that changed nothing. */
class WatchLinesTest {

  private static final Step FAILOVER = new Step.Failover("main", new NodeRef("h1", 7000), new NodeRef("h2", 7003),
      Reason.of(Reason.Code.SPREAD_RESTORE, "restore master spread"));

  @Test
  void aChangeIsOneTimestampedLineNamingHostNodeAndStep() {
    WatchLines.Round round = new WatchLines.Round(7);
    String line = round.step(new StepResult.Done(FAILOVER, true, "CLUSTER FAILOVER", Duration.ofMillis(3)))
        .orElseThrow();
    assertTrue(line.matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ h1 h1:7000 changed failover: cluster main: .*"),
        line);
    assertEquals(Optional.empty(), round.step(new StepResult.Done(FAILOVER, false, "already a master", Duration.ZERO)));
    round.outcome(false, List.of());
    assertTrue(round.summary(Duration.ZERO, 0).endsWith(" round 7: 1 changed, 0 failed; converged"),
        round.summary(Duration.ZERO, 0));
  }

  @Test
  void aFailedRoundSaysWhyAndWhenTheNextComes() {
    WatchLines.Round round = new WatchLines.Round(3);
    round.step(new StepResult.Failed(FAILOVER, "failover h1:7000: timed out", Duration.ofSeconds(1)));
    round.outcome(true, List.of(new Problem(Problem.Scope.host("h3"), Problem.Code.HOST_UNREACHABLE, "unreachable")));
    String summary = round.summary(Duration.ofSeconds(4), 2);
    assertTrue(summary.endsWith(" round 3: 0 changed, 1 failed; not converged: host h3: unreachable; next round in 4s"
        + " (2 failed round(s) in a row)"), summary);
  }
}
