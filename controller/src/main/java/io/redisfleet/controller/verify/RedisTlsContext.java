package io.redisfleet.controller.verify;

import io.redisfleet.controller.model.RedisTls;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

/** A TLS socket factory from a {@link RedisTls}: the fleet CA as the only trust, the client certificate as the key. */
final class RedisTlsContext {

  private RedisTlsContext() {}

  static SSLSocketFactory socketFactory(RedisTls tls) {
    try {
      CertificateFactory x509 = CertificateFactory.getInstance("X.509");
      KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
      trust.load(null, null);
      int i = 0;
      for (Certificate c : x509.generateCertificates(stream(tls.caPem()))) {
        trust.setCertificateEntry("ca" + i++, c);
      }
      TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(trust);
      Certificate[] chain = x509.generateCertificates(stream(tls.client().certPem())).toArray(Certificate[]::new);
      String body = tls.client().keyPem().reveal().replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
      KeyStore own = KeyStore.getInstance(KeyStore.getDefaultType());
      own.load(null, null);
      char[] none = new char[0];
      own.setKeyEntry("controller", KeyFactory.getInstance(chain[0].getPublicKey().getAlgorithm())
          .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(body))), none, chain);
      KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(own, none);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
      return context.getSocketFactory();
    } catch (GeneralSecurityException | java.io.IOException | IllegalArgumentException e) {
      // the loader issued and read these PEMs: failing here is a corrupted pki-dir, not a user input
      throw new IllegalStateException("Redis TLS: cannot use the controller's client certificate or the fleet CA: "
          + e.getClass().getSimpleName(), e);
    }
  }

  private static ByteArrayInputStream stream(String pem) {
    return new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII));
  }
}
