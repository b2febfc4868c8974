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

  /** The step was not attempted because an earlier one failed. */
  record Skipped(Step step) implements StepResult {
    public Duration took() {
      return Duration.ZERO;
    }
  }
}
