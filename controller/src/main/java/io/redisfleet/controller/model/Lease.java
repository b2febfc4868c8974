package io.redisfleet.controller.model;

import java.util.Objects;

/**
 * The fleet lease an agent holds for one controller run (the fleet lock), as the controller sees
 * it; agentclient maps it to and from the wire.
 *
 * @param holder who holds it, e.g. "alice@ops-box pid 4242"
 * @param runId the controller run holding it; empty in a claim
 * @param expiresAtMs when it expires unless renewed (agent clock, ms since the epoch); 0 in a claim
 * @param holderHostId the holder's machine (hostname and boot id); empty when unknown
 * @param holderPid the holder's process id on that machine; 0 when unknown
 * @param holderStartedMs when that process started, so a reused pid is not taken for the holder
 */
public record Lease(String holder, String runId, long expiresAtMs, String holderHostId, long holderPid,
    long holderStartedMs) {

  public Lease {
    Objects.requireNonNull(holder, "holder");
    Objects.requireNonNull(runId, "runId");
    Objects.requireNonNull(holderHostId, "holderHostId");
  }

  /** A claim naming only its holder (no process to check for liveness). */
  public static Lease claim(String holder) {
    return new Lease(holder, "", 0, "", 0, 0);
  }
}
