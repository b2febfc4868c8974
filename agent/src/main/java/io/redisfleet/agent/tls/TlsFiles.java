package io.redisfleet.agent.tls;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The agent's TLS bundle: {@code ca.crt} (the fleet CA, trusted for client certificates),
 * {@code agent.crt} and {@code agent.key}, all in one directory — by default /etc/redis-fleet/tls,
 * where a provisioning system drops the bundle {@code controller pki issue agent} wrote.
 */
public record TlsFiles(Path dir) {

  public static final Path DEFAULT_DIR = Path.of("/etc/redis-fleet/tls");

  public TlsFiles {
    dir = Objects.requireNonNull(dir, "dir").toAbsolutePath().normalize();
  }

  public static TlsFiles defaults() {
    return new TlsFiles(DEFAULT_DIR);
  }

  public Path ca() {
    return dir.resolve("ca.crt");
  }

  public Path certificate() {
    return dir.resolve("agent.crt");
  }

  public Path key() {
    return dir.resolve("agent.key");
  }

  public List<Path> all() {
    return List.of(ca(), certificate(), key());
  }

  /**
   * The files not yet usable: missing, unreadable, or without a complete PEM block (a copy still
   * in progress). Empty means the bundle can be loaded.
   */
  public List<Path> notReady() {
    List<Path> pending = new ArrayList<>();
    for (Path f : all()) {
      if (!isCompletePem(f)) {
        pending.add(f);
      }
    }
    return pending;
  }

  private static boolean isCompletePem(Path f) {
    if (!Files.isRegularFile(f) || !Files.isReadable(f)) {
      return false;
    }
    try {
      String text = Files.readString(f, StandardCharsets.US_ASCII);
      int begin = text.indexOf("-----BEGIN ");
      return begin >= 0 && text.indexOf("-----END ", begin) > begin;
    } catch (IOException | RuntimeException e) {
      // unreadable or not ASCII yet: treat as not there; the next poll looks again
      return false;
    }
  }
}
