package io.redisfleet.controller.agentclient;

import io.redisfleet.agent.v1.LeaseResponse;
import io.redisfleet.controller.model.Lease;
import io.redisfleet.controller.model.LeaseOutcome;
import java.util.Optional;

/** The fleet lease between the wire and the controller's records: lock/ never reads proto. */
final class Leases {

  private Leases() {}

  static LeaseOutcome outcome(LeaseResponse r) {
    return new LeaseOutcome(r.getChanged(), r.hasLease() ? Optional.of(lease(r.getLease())) : Optional.empty(),
        r.hasBroken() ? Optional.of(lease(r.getBroken())) : Optional.empty());
  }

  static Lease lease(io.redisfleet.agent.v1.Lease l) {
    return new Lease(l.getHolder(), l.getRunId(), l.getExpiresAtMs(), l.getHolderHostId(), l.getHolderPid(),
        l.getHolderStartedMs());
  }
}
