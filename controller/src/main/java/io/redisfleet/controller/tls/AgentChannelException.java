package io.redisfleet.controller.tls;

/** A channel to an agent cannot be built as the inventory asks (needs an operator, not a retry). */
public final class AgentChannelException extends Exception {

  private static final long serialVersionUID = 1L;

  public AgentChannelException(String message) {
    super(message);
  }

  public AgentChannelException(String message, Throwable cause) {
    super(message, cause);
  }
}
