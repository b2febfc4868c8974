package io.redisfleet.agent.tls;

import java.security.cert.Certificate;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Whether a (CA-verified) client certificate is the fleet controller's: its subjectAltNames hold
 * the URI {@value #URI}. The controller's {@code pki} writes {@code urn:redis-fleet:role:<role>}
 * into every leaf it issues, so a refusal can name the role the certificate was made for.
 */
public final class ControllerRole {

  public static final String URI = "urn:redis-fleet:role:controller";
  private static final String PREFIX = "urn:redis-fleet:role:";
  private static final int URI_SAN = 6;

  /** The decision, with the reason when refused and the certificate's subject for the log line. */
  public record Verdict(boolean controller, String reason, String subject) {}

  private ControllerRole() {}

  public static Verdict judge(Certificate[] chain) {
    if (chain == null || chain.length == 0 || !(chain[0] instanceof X509Certificate leaf)) {
      return new Verdict(false, "no client certificate", "");
    }
    String subject = "'" + leaf.getSubjectX500Principal().getName() + "'";
    List<String> roles;
    try {
      roles = roles(leaf.getSubjectAlternativeNames());
    } catch (CertificateParsingException e) {
      return new Verdict(false, "its subjectAltNames cannot be read (" + e.getMessage() + ")", subject);
    }
    if (roles.contains(URI)) {
      return new Verdict(true, "", subject);
    }
    if (roles.isEmpty()) {
      return new Verdict(false, "it carries no redis-fleet role (a Redis certificate, or a controller "
          + "certificate issued before roles existed: issue it again with 'controller pki issue controller')", subject);
    }
    return new Verdict(false, "its role is " + String.join(", ", roles.stream()
        .map(r -> r.substring(PREFIX.length())).toList()), subject);
  }

  private static List<String> roles(Collection<List<?>> sans) {
    List<String> out = new ArrayList<>();
    if (sans != null) {
      for (List<?> san : sans) {
        if (Integer.valueOf(URI_SAN).equals(san.get(0)) && String.valueOf(san.get(1)).startsWith(PREFIX)) {
          out.add(String.valueOf(san.get(1)));
        }
      }
    }
    return out;
  }
}
