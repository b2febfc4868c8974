package io.redisfleet.controller.verify;

import io.redisfleet.contract.PemTls;
import io.redisfleet.controller.model.RedisTls;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import javax.net.ssl.SSLSocketFactory;

/** A TLS socket factory from a {@link RedisTls}: the fleet CA as the only trust, the client certificate as the key. */
final class RedisTlsContext {

  private RedisTlsContext() {}

  static SSLSocketFactory socketFactory(RedisTls tls) {
    try {
      return PemTls.socketFactory(tls.caPem().getBytes(StandardCharsets.US_ASCII),
          tls.client().certPem().getBytes(StandardCharsets.US_ASCII), tls.client().keyPem().reveal(), "controller");
    } catch (GeneralSecurityException | java.io.IOException | IllegalArgumentException e) {
      // the loader issued and read these PEMs: failing here is a corrupted pki-dir, not a user input
      throw new IllegalStateException("Redis TLS: cannot use the controller's client certificate or the fleet CA: "
          + e.getClass().getSimpleName(), e);
    }
  }
}
