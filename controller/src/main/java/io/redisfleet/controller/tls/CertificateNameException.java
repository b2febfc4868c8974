package io.redisfleet.controller.tls;

import java.security.cert.CertificateException;
import java.util.List;

/** The agent's certificate is valid and from the fleet CA but does not name the address dialled. */
public final class CertificateNameException extends CertificateException {

  private static final long serialVersionUID = 1L;

  public CertificateNameException(String dialled, List<String> names) {
    super("certificate does not name " + dialled
        + " (names: " + (names.isEmpty() ? "none" : String.join(", ", names)) + ")");
  }
}
