package io.redisfleet.agent.redis;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Objects;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

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
    CertificateFactory x509 = CertificateFactory.getInstance("X.509");
    KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
    trust.load(null, null);
    int i = 0;
    for (Certificate c : x509.generateCertificates(new ByteArrayInputStream(Files.readAllBytes(ca)))) {
      trust.setCertificateEntry("ca" + i++, c);
    }
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    KeyStore own = KeyStore.getInstance(KeyStore.getDefaultType());
    own.load(null, null);
    Certificate[] chain = x509.generateCertificates(new ByteArrayInputStream(Files.readAllBytes(cert)))
        .toArray(Certificate[]::new);
    char[] none = new char[0];
    own.setKeyEntry("node", privateKey(Files.readString(key, StandardCharsets.US_ASCII),
        chain[0].getPublicKey().getAlgorithm()), none, chain);
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(own, none);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
    return context.getSocketFactory();
  }

  /** A PKCS#8 PEM ("BEGIN PRIVATE KEY"), as the controller issues it. */
  static PrivateKey privateKey(String pem, String algorithm) throws GeneralSecurityException {
    String body = pem.replace("-----BEGIN PRIVATE KEY-----", "").replace("-----END PRIVATE KEY-----", "")
        .replaceAll("\\s", "");
    return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(Base64.getMimeDecoder().decode(body)));
  }
}
