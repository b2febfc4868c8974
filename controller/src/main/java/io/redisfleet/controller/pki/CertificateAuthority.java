package io.redisfleet.controller.pki;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Date;
import java.util.HexFormat;
import java.util.Objects;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;

/**
 * The fleet CA: a self-signed EC P-256 certificate that may sign leaf certificates only
 * (pathLen 0), and its key. Stored as {@code ca.crt} and {@code ca.key} in the PKI directory.
 */
public record CertificateAuthority(X509Certificate certificate, PrivateKey key) {

  public CertificateAuthority {
    Objects.requireNonNull(certificate, "certificate");
    Objects.requireNonNull(key, "key");
  }

  /**
   * A new CA. The subject carries a random suffix so two fleets' CAs never share a name (a
   * client then says "unknown CA" rather than "bad signature" when pointed at the wrong fleet).
   */
  public static CertificateAuthority create(Validity validity) {
    KeyPair pair = Certificates.newKeyPair();
    byte[] suffix = new byte[4];
    new java.security.SecureRandom().nextBytes(suffix);
    X500Name subject = new X500Name(
        "CN=redis-fleet CA " + HexFormat.of().formatHex(suffix) + ",O=redis-fleet");
    try {
      var ext = new JcaX509ExtensionUtils();
      var builder = new JcaX509v3CertificateBuilder(subject, Certificates.newSerial(),
          Date.from(validity.notBefore()), Date.from(validity.notAfter()), subject, pair.getPublic())
          .addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
          .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
          .addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(pair.getPublic()));
      return new CertificateAuthority(Certificates.sign(builder, pair.getPrivate()), pair.getPrivate());
    } catch (CertIOException | GeneralSecurityException e) {
      throw new IllegalStateException("cannot build CA certificate: " + e.getMessage(), e);
    }
  }

  /** Loads {@code dir/ca.crt} and {@code dir/ca.key}. */
  public static CertificateAuthority load(PkiLayout layout) throws PkiException {
    if (!Files.isRegularFile(layout.caCertificate()) || !Files.isRegularFile(layout.caKey())) {
      throw new PkiException("no CA in " + layout.dir() + " (expected ca.crt and ca.key; run 'controller pki init --dir "
          + layout.dir() + "')");
    }
    X509Certificate cert = PemFiles.readCertificate(layout.caCertificate());
    PrivateKey key = PemFiles.readPrivateKey(layout.caKey());
    if (cert.getBasicConstraints() < 0) {
      throw new PkiException(layout.caCertificate() + ": not a CA certificate");
    }
    return new CertificateAuthority(cert, key);
  }

  /** Writes the key first: a directory never holds a ca.crt whose key is missing. */
  public void writeTo(PkiLayout layout) throws IOException {
    PemFiles.writePrivateKey(layout.caKey(), key);
    PemFiles.writeCertificate(layout.caCertificate(), certificate);
  }
}
