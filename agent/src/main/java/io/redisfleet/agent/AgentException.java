package io.redisfleet.agent;

/**
 * A failure inside the agent, classified by what the caller can do about it. The gRPC edge maps
 * the kind to a status code; the message always names the node and the step.
 */
public final class AgentException extends Exception {

  private static final long serialVersionUID = 1L;

  /** What the caller can do. */
  public enum Kind {
    /** The request itself is wrong (INVALID_ARGUMENT): fix the input, do not retry. */
    INVALID_REQUEST,
    /** The node is not in a state the operation needs (FAILED_PRECONDITION): an operator decides. */
    NEEDS_OPERATOR,
    /** Transient (UNAVAILABLE): retrying later may succeed. */
    RETRYABLE,
    /** Anything else (INTERNAL). */
    FATAL
  }

  private final Kind kind;

  public AgentException(Kind kind, String message) {
    super(message);
    this.kind = kind;
  }

  public AgentException(Kind kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }
}
