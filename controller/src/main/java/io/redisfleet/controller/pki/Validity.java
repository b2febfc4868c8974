package io.redisfleet.controller.pki;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * When a certificate is valid. Certificates issued "now" start a few minutes in the past so a
 * peer whose clock runs slightly behind does not see a certificate that is not yet valid.
 */
public record Validity(Instant notBefore, Instant notAfter) {

  /** Slack for clock skew between the issuing machine and the hosts. */
  public static final Duration BACKDATE = Duration.ofMinutes(5);
  public static final Duration CA_DEFAULT = Duration.ofDays(3650);
  public static final Duration LEAF_DEFAULT = Duration.ofDays(825);

  public Validity {
    Objects.requireNonNull(notBefore, "notBefore");
    Objects.requireNonNull(notAfter, "notAfter");
    if (!notAfter.isAfter(notBefore)) {
      throw new IllegalArgumentException("notAfter " + notAfter + " is not after notBefore " + notBefore);
    }
  }

  /** Valid from a little before now for {@code length}. */
  public static Validity startingNow(Duration length, Clock clock) {
    if (length.isNegative() || length.isZero()) {
      throw new IllegalArgumentException("validity must be positive, got " + length);
    }
    Instant now = clock.instant();
    return new Validity(now.minus(BACKDATE), now.plus(length));
  }

  public static Validity startingNow(Duration length) {
    return startingNow(length, Clock.systemUTC());
  }
}
