package io.redisfleet.controller.inventory;

import io.redisfleet.contract.IpLiterals;
import java.util.Optional;
import java.util.regex.Pattern;

/** What a host address may be: an IPv4 or IPv6 address or a DNS name. */
final class Addresses {

  private static final Pattern CHARS = Pattern.compile("[A-Za-z0-9._:-]+");
  private static final Pattern DOTTED_NUMBERS = Pattern.compile("[0-9.]+");

  private Addresses() {}

  /** What is wrong with the address, if anything. */
  static Optional<String> problem(String address) {
    if (!CHARS.matcher(address).matches()) {
      return Optional.of("is not an IP address or host name (allowed: letters, digits, '.', ':', "
          + "'-', '_')");
    }
    if (DOTTED_NUMBERS.matcher(address).matches() && !IpLiterals.isIpv4(address)) {
      return Optional.of("is not a valid IPv4 address (four numbers 0..255 separated by dots)");
    }
    return Optional.empty();
  }

  /** Loopback: 127.0.0.0/8, ::1 or localhost; where an embedded agent's nodes must listen. */
  static boolean isLoopback(String address) {
    return IpLiterals.isLoopback(address);
  }
}
