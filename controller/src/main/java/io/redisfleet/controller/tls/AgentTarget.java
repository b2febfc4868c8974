package io.redisfleet.controller.tls;

import java.util.Objects;

/**
 * One agent as the inventory names it.
 *
 * @param host the inventory host name (for messages)
 * @param address the address the controller dials; the agent's certificate must name it
 * @param port the agent's gRPC port
 * @param plaintext the inventory allows no TLS; honoured only for loopback addresses
 */
public record AgentTarget(String host, String address, int port, boolean plaintext) {

  public AgentTarget {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(address, "address");
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("agent " + host + ": port " + port + " out of range");
    }
  }

  public static AgentTarget tls(String host, String address, int port) {
    return new AgentTarget(host, address, port, false);
  }

  /** "agent h1 (10.0.0.1:7781)", the prefix of every message about this agent. */
  public String describe() {
    String a = address.contains(":") && !address.startsWith("[") ? "[" + address + "]" : address;
    return "agent " + host + " (" + a + ":" + port + ")";
  }
}
