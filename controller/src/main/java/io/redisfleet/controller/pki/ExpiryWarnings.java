package io.redisfleet.controller.pki;

import io.redisfleet.controller.model.Host;
import io.redisfleet.controller.model.Inventory;
import io.redisfleet.controller.model.RedisTls;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Warnings for certificates that expire within 30 days: the controller's own (controller.tls-dir),
 * each agent's (as presented in this run), each TLS host's Redis node certificate and the Redis
 * client certificate. Each says what to run; nothing is renewed here.
 */
public final class ExpiryWarnings {

  public static final Duration WARN_BEFORE = Duration.ofDays(30);

  private ExpiryWarnings() {}

  /** @param agents the agent certificates seen, by the address dialled */
  public static List<String> of(Inventory inventory, Map<String, X509Certificate> agents, Clock clock) {
    Instant limit = clock.instant().plus(WARN_BEFORE);
    Map<String, String> found = new TreeMap<>();
    inventory.tlsDir().map(d -> Path.of(d).resolve("controller.crt")).filter(Files::isRegularFile).ifPresent(f -> {
      try {
        check(found, "the controller's certificate " + f, PemFiles.readCertificate(f), limit,
            "controller pki issue controller");
      } catch (PkiException e) {
        found.put("the controller's certificate " + f, "the controller's certificate " + f + " cannot be read: "
            + e.getMessage());
      }
    });
    for (Host h : inventory.hosts().values()) {
      X509Certificate agent = agents.get(h.address());
      if (agent != null) {
        check(found, "the certificate of agent " + h.name() + " (" + h.address() + ")", agent, limit,
            "controller pki issue agent --name " + h.name() + ", then copy it to the host's /etc/redis-fleet/tls/");
      }
    }
    List<RedisTls> tls = new ArrayList<>();
    inventory.clusters().forEach(c -> c.tls().ifPresent(tls::add));
    inventory.replication().forEach(g -> g.tls().ifPresent(tls::add));
    for (RedisTls t : tls) {
      t.hosts().forEach((host, cert) -> parse(cert.certPem()).ifPresent(c -> check(found,
          "the Redis node certificate of host " + host, c, limit, "controller pki issue redis (or apply)")));
      parse(t.client().certPem()).ifPresent(c -> check(found, "the Redis client certificate", c, limit,
          "controller pki issue redis (or apply)"));
    }
    return List.copyOf(found.values());
  }

  private static void check(Map<String, String> found, String what, X509Certificate c, Instant limit, String fix) {
    Instant notAfter = c.getNotAfter().toInstant();
    if (notAfter.isBefore(limit)) {
      found.put(what, what + " expires on " + notAfter + " (within " + WARN_BEFORE.toDays() + " days): renew it with "
          + fix);
    }
  }

  private static java.util.Optional<X509Certificate> parse(String pem) {
    try {
      return java.util.Optional.of((X509Certificate) CertificateFactory.getInstance("X.509")
          .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII))));
    } catch (CertificateException e) {
      return java.util.Optional.empty();
    }
  }
}
