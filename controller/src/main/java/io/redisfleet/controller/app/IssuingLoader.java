package io.redisfleet.controller.app;

import io.redisfleet.controller.inventory.CertificateToIssue;
import io.redisfleet.controller.inventory.InvalidInventoryException;
import io.redisfleet.controller.inventory.InventoryError;
import io.redisfleet.controller.inventory.InventoryLoader;
import io.redisfleet.controller.inventory.InventoryRead;
import io.redisfleet.controller.pki.CertificateCustody;
import io.redisfleet.controller.pki.PkiException;
import io.redisfleet.controller.pki.RedisCertificates;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Loading for the commands that may issue Redis certificates (apply, {@code pki issue redis};
 * see {@link CertificateCustody#ISSUE}): read the inventory, which writes nothing and lists the
 * certificates that are missing, unusable or within 30 days of expiry; issue those from
 * {@code ca.key}; read again. Issuing is this separate step so that reading an inventory is pure
 * for every command, and validate and plan write nothing.
 */
public final class IssuingLoader {

  private IssuingLoader() {}

  /** The complete inventory, its certificates issued; the second read's warnings go to {@code warnings}. */
  public static InventoryRead load(Path file, Map<String, String> env) throws InvalidInventoryException {
    InventoryRead first = InventoryLoader.read(file, env, CertificateCustody.ISSUE);
    if (first.complete()) {
      return first;
    }
    for (CertificateToIssue c : first.toIssue()) {
      try {
        new RedisCertificates(c.pkiDir(), CertificateCustody.ISSUE).issue(c.certificate());
      } catch (PkiException e) {
        throw new InvalidInventoryException(List.of(c.failed(e.getMessage())));
      }
    }
    InventoryRead again = InventoryLoader.read(file, env, CertificateCustody.ISSUE);
    if (!again.complete()) {
      // only if the files changed under us between issuing and reading: say which, do not loop
      List<InventoryError> errors = again.toIssue().stream()
          .map(c -> c.failed(c.certificate().dir() + " " + c.certificate().reason() + " right after issuing it"))
          .toList();
      throw new InvalidInventoryException(errors);
    }
    return again;
  }

  public static InventoryRead load(Path file) throws InvalidInventoryException {
    return load(file, System.getenv());
  }
}
