package io.redisfleet.agent.redis;

import io.redisfleet.contract.PemTls;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Objects;
import javax.net.ssl.SSLSocketFactory;

/**
 * The TLS files a node serves with, which the agent also dials it with: it trusts the node's CA
 * and presents the node's own certificate (issued for clientAuth too), so tls-auth-clients yes
 * lets the agent in. The files are read per call: a renewed certificate is picked up at once.
 */
public record NodeTls(Path ca, Path cert, Path key) {

  public NodeTls {
    Objects.requireNonNull(ca, "ca");
    Objects.requireNonNull(cert, "cert");
    Objects.requireNonNull(key, "key");
  }

  public SSLSocketFactory socketFactory() throws IOException, GeneralSecurityException {
    return PemTls.socketFactory(Files.readAllBytes(ca), Files.readAllBytes(cert),
        Files.readString(key, StandardCharsets.US_ASCII), "node");
  }
}
