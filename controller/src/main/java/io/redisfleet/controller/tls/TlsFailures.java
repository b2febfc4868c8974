package io.redisfleet.controller.tls;

import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertPathValidatorException.BasicReason;
import java.security.cert.Certificate;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns what the JDK and gRPC report about a failed TLS handshake into one sentence an operator
 * can act on. Problems with the agent's certificate are found by this side's checks (exceptions
 * in the cause chain); problems with the controller's certificate arrive only as the alert the
 * agent sent, which in TLS 1.3 may surface on the first call rather than the handshake.
 */
public final class TlsFailures {

  private static final Pattern ALERT = Pattern.compile("Received fatal alert: (\\w+)");

  private TlsFailures() {}

  /** "agent h1 (10.0.0.1:7781): TLS handshake failed: ...", or empty if this is no TLS failure. */
  public static Optional<String> describe(AgentTarget target, Throwable failure) {
    return explain(failure).map(reason -> target.describe() + ": TLS handshake failed: " + reason);
  }

  /** The reason alone, e.g. "certificate not signed by the fleet CA". */
  public static Optional<String> explain(Throwable failure) {
    List<Throwable> chain = causes(failure);
    for (Throwable t : chain) {
      if (t instanceof CertificateNameException) {
        return Optional.of(t.getMessage());
      }
    }
    for (Throwable t : chain) {
      Optional<String> reason = certificateProblem(t, chain);
      if (reason.isPresent()) {
        return reason;
      }
    }
    for (Throwable t : chain) {
      Matcher m = ALERT.matcher(String.valueOf(t.getMessage()));
      if (m.find()) {
        return Optional.of(refusedByAgent(m.group(1)));
      }
    }
    return Optional.empty();
  }

  private static Optional<String> certificateProblem(Throwable t, List<Throwable> chain) {
    if (t instanceof CertificateExpiredException) {
      return Optional.of(failingCertificate(chain)
          .map(c -> "certificate expired on " + c.getNotAfter().toInstant())
          .orElse("certificate expired (" + t.getMessage() + ")"));
    }
    if (t instanceof CertificateNotYetValidException) {
      return Optional.of(failingCertificate(chain)
          .map(c -> "certificate not valid before " + c.getNotBefore().toInstant() + " (check the clocks)")
          .orElse("certificate not yet valid (" + t.getMessage() + ")"));
    }
    if (t instanceof CertPathBuilderException
        || t instanceof CertPathValidatorException v && v.getReason() == BasicReason.INVALID_SIGNATURE) {
      return Optional.of("certificate not signed by the fleet CA");
    }
    return Optional.empty();
  }

  /** The certificate a path validation failed on, when the JDK says which. */
  private static Optional<X509Certificate> failingCertificate(List<Throwable> chain) {
    for (Throwable t : chain) {
      if (t instanceof CertPathValidatorException v && v.getCertPath() != null && v.getIndex() >= 0) {
        Certificate c = v.getCertPath().getCertificates().get(v.getIndex());
        if (c instanceof X509Certificate x) {
          return Optional.of(x);
        }
      }
    }
    return Optional.empty();
  }

  private static String refusedByAgent(String alert) {
    return switch (alert) {
      case "certificate_required" -> "agent requires a client certificate";
      case "certificate_expired" -> "agent refused the controller certificate: it has expired";
      case "unknown_ca" -> "agent refused the controller certificate: not signed by the agent's fleet CA";
      case "bad_certificate", "certificate_unknown", "unsupported_certificate" ->
          "agent refused the controller certificate (" + alert + "): missing, not signed by the fleet CA, "
              + "expired, or not a client certificate";
      case "protocol_version" -> "agent and controller share no TLS version (TLS 1.3 required)";
      default -> "agent sent TLS alert " + alert;
    };
  }

  private static List<Throwable> causes(Throwable failure) {
    List<Throwable> chain = new ArrayList<>();
    for (Throwable t = failure; t != null && !chain.contains(t); t = t.getCause()) {
      chain.add(t);
      for (Throwable s : t.getSuppressed()) {
        chain.add(s);
      }
    }
    return chain;
  }
}
