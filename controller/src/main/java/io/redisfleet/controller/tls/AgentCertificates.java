package io.redisfleet.controller.tls;

import java.security.cert.X509Certificate;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The certificate each agent presented in this process, by the address dialled: status and
 * preflight warn about one close to expiry without a call of their own.
 */
public final class AgentCertificates {

  private static final Map<String, X509Certificate> SEEN = new ConcurrentHashMap<>();

  private AgentCertificates() {}

  static void seen(String address, X509Certificate certificate) {
    SEEN.put(address, certificate);
  }

  public static Map<String, X509Certificate> seen() {
    return Map.copyOf(SEEN);
  }
}
