package io.redisfleet.controller.tls;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The controller's side of mutual TLS: the fleet CA it trusts agents by, and its client
 * certificate and key — the bundle {@code controller pki issue controller} writes.
 */
public record ControllerTls(Path caCertificate, Path certificate, Path key) {

  public ControllerTls {
    Objects.requireNonNull(caCertificate, "caCertificate");
    Objects.requireNonNull(certificate, "certificate");
    Objects.requireNonNull(key, "key");
  }

  /** {@code dir/ca.crt}, {@code dir/controller.crt}, {@code dir/controller.key}. */
  public static ControllerTls inDir(Path dir) {
    Path d = dir.toAbsolutePath().normalize();
    return new ControllerTls(d.resolve("ca.crt"), d.resolve("controller.crt"), d.resolve("controller.key"));
  }
}
