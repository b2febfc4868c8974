package io.redisfleet.controller.pki;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.util.Date;
import java.util.Objects;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;

/**
 * Issues leaf certificates signed by the fleet CA: a fresh EC P-256 key each time, never a CA
 * (basicConstraints false), digitalSignature only (ECDHE needs nothing else), serverAuth for
 * agents, clientAuth for the controller, both for Redis nodes, and the spec's names plus the
 * role's URI ({@code urn:redis-fleet:role:controller}, ...) as subjectAltNames.
 */
public final class CertificateIssuer {

  private final CertificateAuthority ca;

  public CertificateIssuer(CertificateAuthority ca) {
    this.ca = Objects.requireNonNull(ca, "ca");
  }

  public IssuedCertificate issue(LeafSpec spec) {
    KeyPair pair = Certificates.newKeyPair();
    var subject = new X500NameBuilder(BCStyle.INSTANCE)
        .addRDN(BCStyle.O, "redis-fleet")
        .addRDN(BCStyle.CN, spec.commonName())
        .build();
    KeyPurposeId[] purposes = switch (spec.role()) {
      case AGENT -> new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth};
      case CONTROLLER, REDIS_CLIENT -> new KeyPurposeId[] {KeyPurposeId.id_kp_clientAuth};
      case REDIS_NODE -> new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth};
    };
    try {
      var ext = new JcaX509ExtensionUtils();
      X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
          new JcaX509CertificateHolder(ca.certificate()).getSubject(), Certificates.newSerial(),
          Date.from(spec.validity().notBefore()), Date.from(spec.validity().notAfter()),
          subject, pair.getPublic())
          .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
          .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
          .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purposes))
          .addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(pair.getPublic()))
          .addExtension(Extension.authorityKeyIdentifier, false,
              ext.createAuthorityKeyIdentifier(ca.certificate()));
      java.util.List<GeneralName> names = new java.util.ArrayList<>(
          spec.names().stream().map(SubjectAltName::toGeneralName).toList());
      names.add(new GeneralName(GeneralName.uniformResourceIdentifier, spec.role().uri()));
      builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names.toArray(GeneralName[]::new)));
      return new IssuedCertificate(Certificates.sign(builder, ca.key()), pair.getPrivate());
    } catch (CertIOException | GeneralSecurityException e) {
      throw new IllegalStateException("cannot build certificate for " + spec.commonName() + ": " + e.getMessage(), e);
    }
  }
}
