package io.redisfleet.controller.pki;

import java.io.IOException;
import java.nio.file.Path;
import java.security.cert.X509Certificate;

/**
 * A directory a peer reads its TLS material from: {@code ca.crt}, {@code <role>.crt} and
 * {@code <role>.key}. For an agent this is exactly what goes into /etc/redis-fleet/tls/.
 */
public record TlsBundle(Path dir, String role) {

  public static TlsBundle agent(Path dir) {
    return new TlsBundle(dir.toAbsolutePath().normalize(), "agent");
  }

  public static TlsBundle controller(Path dir) {
    return new TlsBundle(dir.toAbsolutePath().normalize(), "controller");
  }

  public Path caCertificate() {
    return dir.resolve("ca.crt");
  }

  public Path certificate() {
    return dir.resolve(role + ".crt");
  }

  public Path key() {
    return dir.resolve(role + ".key");
  }

  /** Key, then certificate, then CA: an agent waiting for all three never starts on a partial set. */
  void write(X509Certificate ca, IssuedCertificate issued) throws IOException {
    PemFiles.writePrivateKey(key(), issued.key());
    PemFiles.writeCertificate(certificate(), issued.certificate());
    PemFiles.writeCertificate(caCertificate(), ca);
  }
}
