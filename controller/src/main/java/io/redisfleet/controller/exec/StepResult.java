package io.redisfleet.controller.exec;

import io.redisfleet.controller.plan.Step;
import java.time.Duration;

/** The outcome of one executed step. */
public sealed interface StepResult {

  Step step();

  Duration took();

  /** The step ran; {@code changed} is false when the agent found nothing to do. */
  record Done(Step step, boolean changed, String detail, Duration took) implements StepResult {}

  /** The step failed; the message names the host, node and call. */
  record Failed(Step step, String message, Duration took) implements StepResult {}

  /** The step was not attempted; {@code why} says so in words ("host b failed earlier"). */
  record Skipped(Step step, Cause cause, String why) implements StepResult {
    public Duration took() {
      return Duration.ZERO;
    }
  }

  /** Why a step was not attempted. */
  enum Cause {
    /** A host it involves is not in {@code --limit}: observed, not changed. Not a failure. */
    OUTSIDE_LIMIT,
    /** A host it involves failed or did not answer; the other hosts went on. */
    HOST_FAILED,
    /**
     * The rollout stopped: the failure budget was exceeded or a wait failed; or, for restarts
     * (and failovers before one), an earlier node did not come back from its restart.
     */
    STOPPED
  }
}
