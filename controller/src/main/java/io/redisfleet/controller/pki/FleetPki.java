package io.redisfleet.controller.pki;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** The operations behind {@code controller pki}: create the CA, issue agent and controller bundles. */
public final class FleetPki {

  private static final Pattern BUNDLE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

  private final PkiLayout layout;
  private final Clock clock;

  public FleetPki(PkiLayout layout, Clock clock) {
    this.layout = layout;
    this.clock = clock;
  }

  public FleetPki(Path dir) {
    this(new PkiLayout(dir), Clock.systemUTC());
  }

  public PkiLayout layout() {
    return layout;
  }

  /** Creates the CA; refuses to replace one unless forced, since that orphans every issued certificate. */
  public CertificateAuthority init(Duration validity, boolean force) throws PkiException {
    if (!force && (Files.exists(layout.caCertificate()) || Files.exists(layout.caKey()))) {
      throw new PkiException("a CA already exists in " + layout.dir()
          + "; replacing it invalidates every certificate it issued (use --force to replace it)");
    }
    CertificateAuthority ca = CertificateAuthority.create(Validity.startingNow(validity, clock));
    try {
      ca.writeTo(layout);
    } catch (IOException e) {
      throw new PkiException("cannot write CA to " + layout.dir() + ": " + e.getMessage(), e);
    }
    return ca;
  }

  /** Issues an agent bundle into {@code out}, or {@code agents/<name>/} of the PKI directory. */
  public TlsBundle issueAgent(String name, List<String> sans, Optional<Path> out, Duration validity)
      throws PkiException {
    checkName(name);
    if (sans.isEmpty()) {
      throw new PkiException("agent " + name + ": give at least one --san (the address the controller dials)");
    }
    List<SubjectAltName> names = new ArrayList<>();
    for (String san : sans) {
      names.add(SubjectAltName.parse(san));
    }
    TlsBundle bundle = TlsBundle.agent(out.orElse(layout.agentBundleDir(name)));
    return issue(bundle, LeafSpec.agent(name, names, Validity.startingNow(validity, clock)));
  }

  /** Issues the controller's client bundle into {@code controller/} of the PKI directory. */
  public TlsBundle issueController(String name, Duration validity) throws PkiException {
    checkName(name);
    TlsBundle bundle = TlsBundle.controller(layout.controllerBundleDir());
    return issue(bundle, LeafSpec.controller(name, Validity.startingNow(validity, clock)));
  }

  private TlsBundle issue(TlsBundle bundle, LeafSpec spec) throws PkiException {
    CertificateAuthority ca = CertificateAuthority.load(layout);
    IssuedCertificate issued = new CertificateIssuer(ca).issue(spec);
    try {
      bundle.write(ca.certificate(), issued);
    } catch (IOException e) {
      throw new PkiException("cannot write bundle to " + bundle.dir() + ": " + e.getMessage(), e);
    }
    return bundle;
  }

  private static void checkName(String name) throws PkiException {
    if (!BUNDLE_NAME.matcher(name).matches()) {
      throw new PkiException("'" + name + "' is not a valid name (letters, digits, '.', '_', '-')");
    }
  }
}
