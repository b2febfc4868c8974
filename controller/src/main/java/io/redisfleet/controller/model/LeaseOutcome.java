package io.redisfleet.controller.model;

import java.util.Objects;
import java.util.Optional;

/**
 * What an agent answered to acquiring, renewing or releasing the fleet lease.
 *
 * @param changed false when nothing changed (release of a lease the run did not hold)
 * @param lease the lease after the call; empty when none is held
 * @param broken the other run's lease a --break-lock broke, if any
 */
public record LeaseOutcome(boolean changed, Optional<Lease> lease, Optional<Lease> broken) {
  public LeaseOutcome {
    Objects.requireNonNull(lease, "lease");
    Objects.requireNonNull(broken, "broken");
  }

  public static final LeaseOutcome NONE = new LeaseOutcome(false, Optional.empty(), Optional.empty());
}
