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
 * left; otherwise a new one is issued in its place. So repeated runs send the same PEMs and no
 * node's conf or files churn.
 */
public final class RedisCertificates {

  static final Duration RENEW_BEFORE = Duration.ofDays(30);
  private static final String CERT = "redis.crt";
  private static final String KEY = "redis.key";

  private final PkiLayout layout;
  private final Clock clock;
  private CertificateAuthority ca;

  public RedisCertificates(Path pkiDir, Clock clock) {
    this.layout = new PkiLayout(pkiDir);
    this.clock = clock;
  }

  public RedisCertificates(Path pkiDir) {
    this(pkiDir, Clock.systemUTC());
  }

  public String caPem() throws PkiException {
    try {
      return Files.readString(layout.caCertificate(), StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new PkiException(layout.caCertificate() + ": cannot read the fleet CA (run controller pki init --dir "
          + layout.dir() + "): " + e.getMessage(), e);
    }
  }

  /** The node certificate of an inventory host, which its nodes serve and dial peers with. */
  public RedisTls.Certificate node(String host, String address) throws PkiException {
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

  /** The controller's client certificate towards TLS nodes. */
  public RedisTls.Certificate client() throws PkiException {
    return obtain(layout.dir().resolve("redis").resolve("client"),
        LeafSpec.redisClient("redis-fleet redis client", Validity.startingNow(Validity.LEAF_DEFAULT, clock)));
  }

  private RedisTls.Certificate obtain(Path dir, LeafSpec spec) throws PkiException {
    Path cert = dir.resolve(CERT);
    Path key = dir.resolve(KEY);
    if (!usable(cert, key, spec)) {
      IssuedCertificate issued = new CertificateIssuer(ca()).issue(spec);
      try {
        PemFiles.writePrivateKey(key, issued.key());
        PemFiles.writeCertificate(cert, issued.certificate());
      } catch (IOException e) {
        throw new PkiException("cannot write " + cert + ": " + e.getMessage(), e);
      }
    }
    try {
      return new RedisTls.Certificate(Files.readString(cert, StandardCharsets.US_ASCII),
          new Secret(Files.readString(key, StandardCharsets.US_ASCII)));
    } catch (IOException e) {
      throw new PkiException("cannot read " + cert + " or its key: " + e.getMessage(), e);
    }
  }

  private boolean usable(Path cert, Path key, LeafSpec spec) throws PkiException {
    if (!Files.isRegularFile(cert) || !Files.isRegularFile(key)) {
      return false;
    }
    try {
      X509Certificate c = PemFiles.readCertificate(cert);
      PemFiles.readPrivateKey(key);
      c.verify(ca().certificate().getPublicKey());
      return c.getNotAfter().toInstant().isAfter(clock.instant().plus(RENEW_BEFORE))
          && names(c).containsAll(spec.names().stream().map(n -> normal(n.kind() == SubjectAltName.Kind.IP, n.value()))
              .toList());
    } catch (PkiException | GeneralSecurityException e) {
      return false; // unreadable, or signed by another CA: issue a fresh one in its place
    }
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
