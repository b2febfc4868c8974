package io.redisfleet.controller.pki;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A Redis certificate that reading an inventory found missing or unusable under
 * {@link CertificateCustody#ISSUE}: recorded, not written, so that reading stays free of effects;
 * the command allowed to issue passes it to {@link RedisCertificates#issue} afterwards.
 *
 * @param dir where its {@code redis.crt} and {@code redis.key} go
 * @param spec what it must be
 * @param reason why the one on disk cannot be used ("is not issued yet", "expires on ...")
 */
public record PendingCertificate(Path dir, LeafSpec spec, String reason) {
  public PendingCertificate {
    Objects.requireNonNull(dir, "dir");
    Objects.requireNonNull(spec, "spec");
    Objects.requireNonNull(reason, "reason");
  }
}
