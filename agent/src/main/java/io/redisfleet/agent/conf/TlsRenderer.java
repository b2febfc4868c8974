package io.redisfleet.agent.conf;

import io.redisfleet.agent.AgentException;
import io.redisfleet.agent.AgentException.Kind;
import io.redisfleet.agent.fs.NodeLayout;
import io.redisfleet.agent.v1.RedisTls;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Renders a node's TLS: the node serves only TLS on its port ({@code port 0}, {@code tls-port}),
 * and its cluster bus and replication links use TLS too. The PEMs go into {@code tls/} under the
 * node's data directory; the conf names them. Pure. Errors never quote the key.
 */
public final class TlsRenderer {

  public static final String DIR = "tls";
  private static final Set<String> AUTH_CLIENTS = Set.of("yes", "no", "optional");
  /** A CA bundle or a certificate chain is a few KiB; anything near this is not one. */
  private static final int MAX_PEM = 64 * 1024;

  private TlsRenderer() {}

  /** The three files, by name under {@code tls/}: the key is 0640 like every agent file. */
  public static Map<Path, String> files(RedisTls tls, NodeLayout layout) {
    return Map.of(ca(layout), tls.getCaPem(), cert(layout), tls.getCertPem(), key(layout), tls.getKeyPem());
  }

  public static Path ca(NodeLayout layout) {
    return layout.dataDir().resolve(DIR).resolve("ca.crt");
  }

  public static Path cert(NodeLayout layout) {
    return layout.dataDir().resolve(DIR).resolve("redis.crt");
  }

  public static Path key(NodeLayout layout) {
    return layout.dataDir().resolve(DIR).resolve("redis.key");
  }

  /** The conf lines after {@code port 0}. */
  static List<String> confLines(RedisTls tls, NodeLayout layout) {
    return List.of(
        "tls-port " + layout.port(),
        ConfSyntax.line("tls-cert-file", List.of(cert(layout).toString())),
        ConfSyntax.line("tls-key-file", List.of(key(layout).toString())),
        ConfSyntax.line("tls-ca-cert-file", List.of(ca(layout).toString())),
        "tls-auth-clients " + tls.getAuthClients(),
        "tls-replication yes",
        "tls-cluster yes");
  }

  static void validate(int port, RedisTls tls) throws AgentException {
    if (!AUTH_CLIENTS.contains(tls.getAuthClients())) {
      throw invalid(port, "tls.auth_clients '" + AuthRenderer.printable(tls.getAuthClients())
          + "' must be yes, no or optional");
    }
    checkPem(port, "tls.cert_pem", tls.getCertPem(), "CERTIFICATE");
    checkPem(port, "tls.ca_pem", tls.getCaPem(), "CERTIFICATE");
    checkPem(port, "tls.key_pem", tls.getKeyPem(), "PRIVATE KEY");
  }

  private static void checkPem(int port, String field, String pem, String type) throws AgentException {
    String begin = "-----BEGIN " + type + "-----";
    boolean ascii = pem.chars().allMatch(c -> c == '\n' || c == '\r' || c >= 0x20 && c < 0x7f);
    if (pem.length() > MAX_PEM || !ascii || !pem.strip().startsWith(begin)
        || !pem.strip().endsWith("-----END " + type + "-----")) {
      // the value itself is never part of the message: it may be the key
      throw invalid(port, field + " must be a PEM block \"" + begin + "\" of at most " + MAX_PEM + " ASCII characters");
    }
  }

  private static AgentException invalid(int port, String message) {
    return new AgentException(Kind.INVALID_REQUEST, "node " + port + ": render conf: " + message);
  }
}
