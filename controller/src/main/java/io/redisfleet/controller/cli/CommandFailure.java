package io.redisfleet.controller.cli;

import io.redisfleet.controller.report.Failure;

/** A command stops before its own document; {@link FailureReport} prints it (text, and JSON under --json). */
final class CommandFailure extends Exception {

  private static final long serialVersionUID = 1L;

  private final transient Failure failure;
  /** Whether the text lines were already printed on stderr (an invalid inventory prints each error). */
  private final boolean told;

  CommandFailure(Failure failure, boolean told, Throwable cause) {
    super(failure.message(), cause);
    this.failure = failure;
    this.told = told;
  }

  Failure failure() {
    return failure;
  }

  boolean told() {
    return told;
  }
}
