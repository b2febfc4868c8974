package io.redisfleet.controller.inventory;

import io.redisfleet.controller.pki.PendingCertificate;
import java.util.Objects;

/**
 * A Redis certificate an inventory's TLS block needs and that reading found missing or unusable:
 * what to issue, and where in the inventory to report a failure to issue it.
 *
 * @param certificate what to issue, into which directory
 * @param pkiDir the {@code controller.pki-dir} it goes into (for {@code RedisCertificates})
 * @param at where a failure is reported: controller.pki-dir's line, as reading reports it
 * @param where the TLS block that needs it ("tls of cluster main")
 */
public record CertificateToIssue(PendingCertificate certificate, java.nio.file.Path pkiDir, InventoryError at,
    String where) {

  public CertificateToIssue {
    Objects.requireNonNull(certificate, "certificate");
    Objects.requireNonNull(pkiDir, "pkiDir");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(where, "where");
  }

  /** The inventory error for a failure to issue it, worded as reading reports the same failure. */
  public InventoryError failed(String why) {
    return new InventoryError(at.file(), at.line(), where + ": " + why);
  }
}
