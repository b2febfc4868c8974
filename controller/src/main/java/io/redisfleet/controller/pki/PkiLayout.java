package io.redisfleet.controller.pki;

import java.nio.file.Path;

/**
 * Where the PKI directory keeps things: {@code ca.crt}, {@code ca.key}, one bundle per agent in
 * {@code agents/<name>/} and the controller's bundle in {@code controller/}.
 */
public record PkiLayout(Path dir) {

  public PkiLayout {
    dir = dir.toAbsolutePath().normalize();
  }

  public Path caCertificate() {
    return dir.resolve("ca.crt");
  }

  public Path caKey() {
    return dir.resolve("ca.key");
  }

  public Path agentBundleDir(String name) {
    return dir.resolve("agents").resolve(name);
  }

  public Path controllerBundleDir() {
    return dir.resolve("controller");
  }
}
