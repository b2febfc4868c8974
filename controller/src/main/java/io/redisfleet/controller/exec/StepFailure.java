package io.redisfleet.controller.exec;

/** A step that could not be completed (a wait that timed out, a node that cannot be found). */
public final class StepFailure extends Exception {

  private static final long serialVersionUID = 1L;

  public StepFailure(String message) {
    super(message);
  }
}
