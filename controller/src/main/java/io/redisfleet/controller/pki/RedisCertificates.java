package io.redisfleet.controller.pki;

import io.redisfleet.controller.model.RedisTls;
import io.redisfleet.controller.model.Secret;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The certificates of TLS-enabled Redis nodes, issued from the fleet CA of a {@code controller pki
 * init} directory: one per inventory host ({@code redis/hosts/<host>/}) and one the controller
 * dials nodes with ({@code redis/client/}). A certificate on disk is used as long as the current
 * CA signed it, it names the host's address and 127.0.0.1 and it has more than {@link #RENEW_BEFORE}
 * left; otherwise, under {@link CertificateCustody#ISSUE}, it is returned as {@link Leaf.Unissued}
 * (nothing is written while looking) and the issuing command calls {@link #issue} for it. So
 * repeated runs send the same PEMs and no node's conf or files churn. Under
 * {@link CertificateCustody#READ_ONLY} nothing is written and {@code ca.key} is never read: a
 * certificate that would need issuing is an error naming the command that issues it (one close to
 * expiry is still used; status and preflight warn about it).
 */
public final class RedisCertificates {

  static final Duration RENEW_BEFORE = Duration.ofDays(30);
  private static final String CERT = "redis.crt";
  private static final String KEY = "redis.key";

  private final PkiLayout layout;
  private final Clock clock;
  private final CertificateCustody custody;
  private CertificateAuthority ca;
  private X509Certificate caCertificate;

  public RedisCertificates(Path pkiDir, Clock clock, CertificateCustody custody) {
    this.layout = new PkiLayout(pkiDir);
    this.clock = clock;
    this.custody = custody;
  }

  public RedisCertificates(Path pkiDir, CertificateCustody custody) {
    this(pkiDir, Clock.systemUTC(), custody);
  }

  public String caPem() throws PkiException {
    try {
      return Files.readString(layout.caCertificate(), StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new PkiException(layout.caCertificate() + ": cannot read the fleet CA (run controller pki init --dir "
          + layout.dir() + "): " + e.getMessage(), e);
    }
  }

  /** A certificate that can be used as it is, or one that needs issuing first (only under ISSUE). */
  public sealed interface Leaf {
    record Ready(RedisTls.Certificate certificate) implements Leaf {}

    record Unissued(PendingCertificate pending) implements Leaf {}
  }

  /** The node certificate of an inventory host, which its nodes serve and dial peers with. Writes nothing. */
  public Leaf node(String host, String address) throws PkiException {
    if (!host.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
      throw new PkiException("'" + host + "' is not a valid host name for a certificate directory");
    }
    List<SubjectAltName> names = new ArrayList<>(List.of(SubjectAltName.parse("127.0.0.1")));
    SubjectAltName own = SubjectAltName.parse(address);
    if (!own.value().equals("127.0.0.1")) {
      names.add(own);
    }
    return obtain(layout.dir().resolve("redis").resolve("hosts").resolve(host),
        LeafSpec.redisNode("redis " + host, names, Validity.startingNow(Validity.LEAF_DEFAULT, clock)));
  }

  /** The controller's client certificate towards TLS nodes. Writes nothing. */
  public Leaf client() throws PkiException {
    return obtain(layout.dir().resolve("redis").resolve("client"),
        LeafSpec.redisClient("redis-fleet redis client", Validity.startingNow(Validity.LEAF_DEFAULT, clock)));
  }

  private Leaf obtain(Path dir, LeafSpec spec) throws PkiException {
    Path cert = dir.resolve(CERT);
    Path key = dir.resolve(KEY);
    java.util.Optional<String> unusable = unusable(cert, key, spec);
    if (unusable.isPresent() && custody == CertificateCustody.READ_ONLY) {
      throw new PkiException(cert + " " + unusable.get() + "; issue it with 'controller pki issue redis INVENTORY'"
          + " (into its controller.pki-dir " + layout.dir() + "), or 'controller apply', which issues it from ca.key");
    }
    if (unusable.isPresent()) {
      return new Leaf.Unissued(new PendingCertificate(dir, spec, unusable.get()));
    }
    try {
      return new Leaf.Ready(new RedisTls.Certificate(Files.readString(cert, StandardCharsets.US_ASCII),
          new Secret(Files.readString(key, StandardCharsets.US_ASCII))));
    } catch (IOException e) {
      throw new PkiException("cannot read " + cert + " or its key: " + e.getMessage(), e);
    }
  }

  /**
   * Issues a certificate that reading found unusable, from {@code ca.key}, in place of the one on
   * disk: the one effect of this class, and only the issuing commands (apply, pki issue redis) call it.
   */
  public void issue(PendingCertificate pending) throws PkiException {
    if (custody != CertificateCustody.ISSUE) {
      throw new IllegalStateException("issuing needs custody ISSUE, not " + custody);
    }
    Path cert = pending.dir().resolve(CERT);
    IssuedCertificate issued = new CertificateIssuer(ca()).issue(pending.spec());
    try {
      PemFiles.writePrivateKey(pending.dir().resolve(KEY), issued.key());
      PemFiles.writeCertificate(cert, issued.certificate());
    } catch (IOException e) {
      throw new PkiException("cannot write " + cert + ": " + e.getMessage(), e);
    }
  }

  /** Why the certificate cannot be used as it is, or empty. Reads only ca.crt, never the CA key. */
  private java.util.Optional<String> unusable(Path cert, Path key, LeafSpec spec) throws PkiException {
    if (!Files.isRegularFile(cert) || !Files.isRegularFile(key)) {
      return java.util.Optional.of("is not issued yet");
    }
    X509Certificate c;
    try {
      c = PemFiles.readCertificate(cert);
      PemFiles.readPrivateKey(key);
      c.verify(caCertificate().getPublicKey());
    } catch (PkiException | GeneralSecurityException e) {
      return java.util.Optional.of("is unreadable or not signed by the fleet CA in " + layout.caCertificate());
    }
    java.time.Instant renewBy = custody == CertificateCustody.ISSUE ? clock.instant().plus(RENEW_BEFORE) : clock.instant();
    if (!c.getNotAfter().toInstant().isAfter(renewBy)) {
      return java.util.Optional.of("expires on " + c.getNotAfter().toInstant());
    }
    List<String> wanted = spec.names().stream().map(n -> normal(n.kind() == SubjectAltName.Kind.IP, n.value())).toList();
    try {
      if (!names(c).containsAll(wanted)) {
        return java.util.Optional.of("does not name " + String.join(", ", wanted));
      }
    } catch (CertificateParsingException e) {
      return java.util.Optional.of("has unreadable subjectAltNames");
    }
    return java.util.Optional.empty();
  }

  private X509Certificate caCertificate() throws PkiException {
    if (caCertificate == null) {
      if (!Files.isRegularFile(layout.caCertificate())) {
        throw new PkiException("no fleet CA certificate " + layout.caCertificate() + " (run controller pki init --dir "
            + layout.dir() + ")");
      }
      caCertificate = PemFiles.readCertificate(layout.caCertificate());
    }
    return caCertificate;
  }

  private static Set<String> names(X509Certificate c) throws CertificateParsingException {
    Set<String> out = new HashSet<>();
    Collection<List<?>> sans = c.getSubjectAlternativeNames();
    if (sans != null) {
      sans.forEach(entry -> out.add(normal(Integer.valueOf(7).equals(entry.get(0)), String.valueOf(entry.get(1)))));
    }
    return out;
  }

  /** IPv6 literals have many spellings; an IP literal parses without any lookup. */
  private static String normal(boolean ip, String value) {
    try {
      return ip ? java.net.InetAddress.getByName(value).getHostAddress() : value.toLowerCase(java.util.Locale.ROOT);
    } catch (java.net.UnknownHostException e) {
      return value;
    }
  }

  private CertificateAuthority ca() throws PkiException {
    if (ca == null) {
      ca = CertificateAuthority.load(layout);
    }
    return ca;
  }
}
