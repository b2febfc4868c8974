package io.redisfleet.contract;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * The one home of CA trust loading from the PEMs the controller's PKI writes: the fleet CA as the
 * only trust (never the JDK's), a PKCS#8 key with its certificate chain. The agent (its gRPC
 * server, its Jedis links to nodes) and the controller (its Redis verify links) use it alike.
 */
public final class PemTls {

  private PemTls() {}

  /** PKIX trust in exactly the certificates of {@code caPem}. */
  public static X509TrustManager trust(byte[] caPem) throws IOException, GeneralSecurityException {
    for (TrustManager tm : trustManagers(caPem)) {
      if (tm instanceof X509TrustManager x509) {
        return x509;
      }
    }
    throw new GeneralSecurityException("no X.509 trust manager");
  }

  /** A TLS client socket factory: trust in {@code caPem}, the key and chain as the client's identity. */
  public static SSLSocketFactory socketFactory(byte[] caPem, byte[] chainPem, String keyPem, String alias)
      throws IOException, GeneralSecurityException {
    Certificate[] chain = CertificateFactory.getInstance("X.509")
        .generateCertificates(new ByteArrayInputStream(chainPem)).toArray(Certificate[]::new);
    if (chain.length == 0) {
      throw new GeneralSecurityException("no certificate in the client certificate file");
    }
    KeyStore own = KeyStore.getInstance(KeyStore.getDefaultType());
    own.load(null, null);
    char[] none = new char[0];
    own.setKeyEntry(alias, privateKey(keyPem, chain[0].getPublicKey().getAlgorithm()), none, chain);
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(own, none);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(kmf.getKeyManagers(), trustManagers(caPem), null);
    return context.getSocketFactory();
  }

  /** A PKCS#8 PEM ("BEGIN PRIVATE KEY"), as the controller issues it. */
  public static PrivateKey privateKey(String pem, String algorithm) throws GeneralSecurityException {
    String body = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
    try {
      return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(Base64.getMimeDecoder().decode(body)));
    } catch (IllegalArgumentException e) {
      throw new GeneralSecurityException("the private key is not a base64 PKCS#8 PEM", e);
    }
  }

  private static TrustManager[] trustManagers(byte[] caPem) throws IOException, GeneralSecurityException {
    KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
    trust.load(null, null);
    int i = 0;
    for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(caPem))) {
      trust.setCertificateEntry("ca" + i++, c);
    }
    if (i == 0) {
      throw new GeneralSecurityException("no certificate in the CA file");
    }
    TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
    tmf.init(trust);
    return tmf.getTrustManagers();
  }
}
