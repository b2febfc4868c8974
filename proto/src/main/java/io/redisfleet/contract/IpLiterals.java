package io.redisfleet.contract;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * IP literals as agent and controller read them: the one home of the IPv4 pattern and of the
 * loopback rule (plaintext gRPC, an embedded agent's nodes, protected-mode all depend on it).
 * Literals are parsed by hand and no name is ever resolved: a DNS answer must not decide
 * whether traffic goes unencrypted.
 */
public final class IpLiterals {

  /** A dotted-quad IPv4 address, each part 0..255 without leading zeros. */
  public static final Pattern IPV4 = Pattern.compile(
      "(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
  private static final Pattern IPV6_CHARS = Pattern.compile("[0-9a-f:]+");

  private IpLiterals() {}

  public static boolean isIpv4(String address) {
    return IPV4.matcher(address).matches();
  }

  /** True for "localhost" and loopback IP literals (127.0.0.0/8, ::1, also in brackets). */
  public static boolean isLoopback(String address) {
    String a = address.strip().toLowerCase(Locale.ROOT);
    if (a.startsWith("[") && a.endsWith("]")) {
      a = a.substring(1, a.length() - 1);
    }
    if (a.equals("localhost")) {
      return true;
    }
    if (isIpv4(a)) {
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
