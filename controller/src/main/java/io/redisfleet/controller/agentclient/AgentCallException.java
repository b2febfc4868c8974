package io.redisfleet.controller.agentclient;

/**
 * An agent call that failed, naming the host and the call. {@code retryable} is true for
 * failures worth another attempt later (the agent was unreachable or slow), false when the agent
 * refused the request (an operator must act).
 */
public final class AgentCallException extends Exception {

  private static final long serialVersionUID = 1L;

  private final String host;
  private final String call;
  private final boolean retryable;
  private final boolean unreachable;

  public AgentCallException(String host, String call, String message, boolean retryable, Throwable cause) {
    this(host, call, message, retryable, retryable, cause);
  }

  /**
   * @param unreachable the agent could not be talked to at all (network, deadline, or a TLS
   *     handshake it or we refused), as opposed to an agent that answered and said no
   */
  public AgentCallException(String host, String call, String message, boolean retryable, boolean unreachable,
      Throwable cause) {
    this(host, "", call, message, retryable, unreachable, cause);
  }

  /** @param address the agent's {@code address:port} (or "embedded"), named in the message; empty if unknown */
  public AgentCallException(String host, String address, String call, String message, boolean retryable,
      boolean unreachable, Throwable cause) {
    super("host " + host + (address.isEmpty() ? "" : " (agent " + address + ")") + ": " + call + ": " + message,
        cause);
    this.host = host;
    this.call = call;
    this.retryable = retryable;
    this.unreachable = unreachable;
  }

  public boolean unreachable() {
    return unreachable;
  }

  public String host() {
    return host;
  }

  public String call() {
    return call;
  }

  public boolean retryable() {
    return retryable;
  }
}
