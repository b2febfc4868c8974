package io.redisfleet.agent.tls;

import io.redisfleet.agent.AgentException;
import io.redisfleet.contract.IpLiterals;

/**
 * Whether the agent may serve without TLS: only on a loopback address (the embedded agent, a
 * test, or an agent reached through an SSH tunnel). Anything reachable from the network needs
 * the TLS bundle.
 */
public final class ListenPolicy {

  /** The transport the agent listens with, or why the requested one is refused. */
  public sealed interface Decision permits Tls, Plaintext, Refused {}

  /** Serve with {@link AgentTls} on the bundle. */
  public record Tls() implements Decision {}

  /** Serve without TLS: the address is loopback. */
  public record Plaintext() implements Decision {}

  /** Plaintext was asked for on a non-loopback address. */
  public record Refused(String reason) implements Decision {
    public AgentException toException() {
      return new AgentException(AgentException.Kind.INVALID_REQUEST, reason);
    }
  }

  private ListenPolicy() {}

  public static Decision decide(String listenAddress, boolean plaintextRequested) {
    if (!plaintextRequested) {
      return new Tls();
    }
    if (isLoopback(listenAddress)) {
      return new Plaintext();
    }
    return new Refused("agent: plaintext refused on " + listenAddress
        + ": plaintext is allowed only on a loopback address; listen with the TLS bundle instead");
  }

  /** The loopback rule, kept in {@link IpLiterals} (shared with the controller). */
  public static boolean isLoopback(String address) {
    return IpLiterals.isLoopback(address);
  }
}
