package io.redisfleet.agent.tls;

import io.redisfleet.agent.AgentException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Whether the agent may serve without TLS: only on a loopback address (the embedded agent, a
 * test, or an agent reached through an SSH tunnel). Anything reachable from the network needs
 * the TLS bundle.
 */
public final class ListenPolicy {

  private static final Pattern IPV4 = Pattern.compile(
      "(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
  private static final Pattern IPV6_CHARS = Pattern.compile("[0-9a-f:]+");

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

  /**
   * True for "localhost" and loopback IP literals (127.0.0.0/8, ::1). Parses literals by hand
   * and never resolves a name: a DNS answer must not decide whether traffic goes unencrypted.
   */
  public static boolean isLoopback(String address) {
    String a = address.strip().toLowerCase(Locale.ROOT);
    if (a.startsWith("[") && a.endsWith("]")) {
      a = a.substring(1, a.length() - 1);
    }
    if (a.equals("localhost")) {
      return true;
    }
    if (IPV4.matcher(a).matches()) {
      return a.startsWith("127.");
    }
    return isIpv6Loopback(a);
  }

  private static boolean isIpv6Loopback(String a) {
    if (!IPV6_CHARS.matcher(a).matches() || a.indexOf("::") != a.lastIndexOf("::")) {
      return false;
    }
    String[] halves = a.split("::", -1);
    String[] head = halves[0].isEmpty() ? new String[0] : halves[0].split(":", -1);
    String[] tail = halves.length < 2 || halves[1].isEmpty() ? new String[0] : halves[1].split(":", -1);
    int groups = head.length + tail.length;
    if (halves.length == 1 ? groups != 8 : groups > 7) {
      return false;
    }
    int[] value = new int[8];
    for (int i = 0; i < head.length; i++) {
      value[i] = hexGroup(head[i]);
    }
    for (int i = 0; i < tail.length; i++) {
      value[8 - tail.length + i] = hexGroup(tail[i]);
    }
    for (int i = 0; i < 7; i++) {
      if (value[i] != 0) {
        return false;
      }
    }
    return value[7] == 1;
  }

  /** The group's value, or -1 if it is not 1-4 hex digits. */
  private static int hexGroup(String g) {
    return g.isEmpty() || g.length() > 4 ? -1 : Integer.parseInt(g, 16);
  }
}
