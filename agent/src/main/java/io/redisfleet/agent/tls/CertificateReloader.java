package io.redisfleet.agent.tls;

import io.grpc.util.AdvancedTlsX509KeyManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Looks at agent.crt and agent.key on every tick and hands a changed pair to the key manager the
 * TLS server uses, so a renewed certificate is served to the next connection without a restart.
 * A pair that does not load (half copied, a key that does not match) is not taken: the previous
 * one stays and the next tick tries again.
 */
final class CertificateReloader implements Runnable {

  private final TlsFiles files;
  private final AdvancedTlsX509KeyManager identity;
  private final Consumer<String> log;
  private List<Object> seen;

  CertificateReloader(TlsFiles files, AdvancedTlsX509KeyManager identity, Consumer<String> log) {
    this.files = files;
    this.identity = identity;
    this.log = log;
    this.seen = stamp();
  }

  @Override
  public void run() {
    List<Object> now = stamp();
    if (Objects.equals(now, seen)) {
      return;
    }
    try {
      identity.updateIdentityCredentials(files.certificate().toFile(), files.key().toFile());
      seen = now;
      log.accept("agent: reloaded its certificate from " + files.certificate() + " (served to new connections)");
    } catch (IOException | GeneralSecurityException | RuntimeException e) {
      log.accept("agent: " + files.certificate() + " or its key changed but does not load (" + e.getMessage()
          + "); still serving the previous certificate");
    }
  }

  /** Modification time and size of both files: what a copy of a renewed pair changes. */
  private List<Object> stamp() {
    return List.of(stat(files.certificate()), stat(files.key()));
  }

  private static String stat(Path f) {
    try {
      return Files.getLastModifiedTime(f).toMillis() + "/" + Files.size(f);
    } catch (IOException e) {
      return "missing";
    }
  }
}
