package io.redisfleet.agent.metrics;

import io.redisfleet.agent.AgentService;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Callable;

/** Gathers {@link AgentMetrics.Facts} from a running agent at each scrape. */
public final class AgentFacts {

  private AgentFacts() {}

  /** @param certificate the agent's TLS certificate, empty when it serves plaintext */
  public static Callable<AgentMetrics.Facts> of(AgentService service, String version, Optional<Path> certificate) {
    Instant started = Instant.ofEpochMilli(ManagementFactory.getRuntimeMXBean().getStartTime());
    return () -> new AgentMetrics.Facts(version, started, service.applies().last(),
        certificate.flatMap(AgentFacts::notAfter), service.observeAll(), service.drift(), service.plans().last());
  }

  /** The certificate's notAfter; empty when it cannot be read (the agent waits for its bundle then). */
  static Optional<Instant> notAfter(Path pem) {
    try (InputStream in = Files.newInputStream(pem)) {
      X509Certificate c = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
      return Optional.of(c.getNotAfter().toInstant());
    } catch (Exception e) {
      return Optional.empty();
    }
  }
}
