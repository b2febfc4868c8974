package io.redisfleet.controller.pki;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Objects;

/** A leaf certificate and its private key, fresh from the issuer. */
public record IssuedCertificate(X509Certificate certificate, PrivateKey key) {

  public IssuedCertificate {
    Objects.requireNonNull(certificate, "certificate");
    Objects.requireNonNull(key, "key");
  }
}
