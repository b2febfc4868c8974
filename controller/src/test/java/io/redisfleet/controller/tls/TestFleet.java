package io.redisfleet.controller.tls;

import io.redisfleet.agent.tls.TlsFiles;
import io.redisfleet.controller.pki.CertificateAuthority;
import io.redisfleet.controller.pki.CertificateIssuer;
import io.redisfleet.controller.pki.IssuedCertificate;
import io.redisfleet.controller.pki.LeafSpec;
import io.redisfleet.controller.pki.PemFiles;
import io.redisfleet.controller.pki.SubjectAltName;
import io.redisfleet.controller.pki.Validity;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A CA and helpers writing agent and controller bundles into a test directory. */
final class TestFleet {

  static final Validity CURRENT = Validity.startingNow(Duration.ofDays(1));
  static final Validity EXPIRED = new Validity(
      Instant.now().minus(Duration.ofDays(10)), Instant.now().minus(Duration.ofDays(1)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS));

  final CertificateAuthority ca = CertificateAuthority.create(Validity.startingNow(Duration.ofDays(30)));
  private final Path root;
  private int bundles;

  TestFleet(Path root) {
    this.root = root;
  }

  TlsFiles agentBundle(Validity validity, String... sans) throws Exception {
    return agentBundle(this, validity, sans);
  }

  /** An agent bundle trusting this fleet's CA but whose certificate {@code signer} issued. */
  TlsFiles agentBundle(TestFleet signer, Validity validity, String... sans) throws Exception {
    List<SubjectAltName> names = new ArrayList<>();
    for (String s : sans) {
      names.add(SubjectAltName.parse(s));
    }
    IssuedCertificate leaf = new CertificateIssuer(signer.ca).issue(LeafSpec.agent("h1", names, validity));
    TlsFiles files = new TlsFiles(root.resolve("agent" + bundles++));
    write(files.ca(), files.certificate(), files.key(), leaf);
    return files;
  }

  ControllerTls controllerBundle(Validity validity) throws Exception {
    return controllerBundle(this, validity);
  }

  ControllerTls controllerBundle(TestFleet signer, Validity validity) throws Exception {
    IssuedCertificate leaf = new CertificateIssuer(signer.ca).issue(LeafSpec.controller("controller", validity));
    ControllerTls files = ControllerTls.inDir(root.resolve("controller" + bundles++));
    write(files.caCertificate(), files.certificate(), files.key(), leaf);
    return files;
  }

  /** A client bundle whose certificate is whatever {@code spec} describes (a Redis one, an agent's...). */
  ControllerTls clientBundle(LeafSpec spec) throws Exception {
    return clientBundle(new CertificateIssuer(ca).issue(spec));
  }

  ControllerTls clientBundle(IssuedCertificate leaf) throws Exception {
    ControllerTls files = ControllerTls.inDir(root.resolve("client" + bundles++));
    write(files.caCertificate(), files.certificate(), files.key(), leaf);
    return files;
  }

  private void write(Path caFile, Path certFile, Path keyFile, IssuedCertificate leaf) throws Exception {
    PemFiles.writeCertificate(caFile, ca.certificate());
    PemFiles.writeCertificate(certFile, leaf.certificate());
    PemFiles.writePrivateKey(keyFile, leaf.key());
  }
}
