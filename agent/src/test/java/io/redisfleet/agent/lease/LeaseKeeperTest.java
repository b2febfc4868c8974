package io.redisfleet.agent.lease;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.redisfleet.agent.AgentException;
import io.redisfleet.agent.v1.AcquireLeaseRequest;
import io.redisfleet.agent.v1.LeaseResponse;
import io.redisfleet.agent.v1.RunContext;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LeaseKeeperTest {

  @TempDir Path data;
  private final MutableClock clock = new MutableClock();

  private LeaseKeeper keeper() {
    return new LeaseKeeper(new LeaseStore(data, clock));
  }

  private static AcquireLeaseRequest acquire(String run, String holder, long ttl, boolean breakLock) {
    return AcquireLeaseRequest.newBuilder().setRun(ctx(run)).setHolder(holder).setTtlMs(ttl)
        .setBreakLock(breakLock).build();
  }

  private static RunContext ctx(String run) {
    return RunContext.newBuilder().setRunId(run).build();
  }

  @Test
  void secondRunIsRefusedNamingHolderAndExpiry() throws Exception {
    keeper().acquire(acquire("run-a", "alice@box", 60_000, false));
    AgentException e = assertThrows(AgentException.class, () -> keeper().acquire(acquire("run-b", "bob@box", 60_000, false)));
    assertEquals(AgentException.Kind.NEEDS_OPERATOR, e.kind());
    assertTrue(e.getMessage().contains("alice@box (run run-a) until " + Instant.ofEpochMilli(clock.millis() + 60_000)),
        e.getMessage());
  }

  @Test
  void sameRunMayAcquireAgainSoARetryIsHarmless() throws Exception {
    keeper().acquire(acquire("run-a", "alice", 1_000, false));
    LeaseResponse again = keeper().acquire(acquire("run-a", "alice", 5_000, false));
    assertEquals(clock.millis() + 5_000, again.getLease().getExpiresAtMs());
  }

  @Test
  void leaseSurvivesAgentRestartAndGuardsMutatingCalls() throws Exception {
    keeper().acquire(acquire("run-a", "alice", 60_000, false));
    LeaseKeeper restarted = keeper(); // a new store over the same directory: what an agent restart sees
    restarted.check(ctx("run-a"), "ApplyNode 7000");
    AgentException e = assertThrows(AgentException.class, () -> restarted.check(ctx("run-b"), "ApplyNode 7000"));
    assertTrue(e.getMessage().startsWith("ApplyNode 7000 refused: the fleet is locked by alice (run run-a)"),
        e.getMessage());
  }

  @Test
  void expiredLeaseFreesTheFleetForTheNextRun() throws Exception {
    keeper().acquire(acquire("crashed", "alice", 1_000, false)); // never renewed
    assertThrows(AgentException.class, () -> keeper().check(ctx("next"), "x"));
    clock.advance(Duration.ofMillis(1_001));
    keeper().check(ctx("next"), "x");
    assertEquals("next", keeper().acquire(acquire("next", "bob", 1_000, false)).getLease().getRunId());
  }

  @Test
  void breakLockTakesTheLeaseAndReportsWhatWasBroken() throws Exception {
    keeper().acquire(acquire("run-a", "alice", 60_000, false));
    LeaseResponse r = keeper().acquire(acquire("run-b", "bob", 60_000, true));
    assertEquals("run-a", r.getBroken().getRunId());
    assertThrows(AgentException.class, () -> keeper().renew(ctx("run-a"), 60_000));
  }

  @Test
  void renewExtendsAndReleaseFrees() throws Exception {
    keeper().acquire(acquire("run-a", "alice", 1_000, false));
    clock.advance(Duration.ofMillis(900));
    keeper().renew(ctx("run-a"), 1_000);
    clock.advance(Duration.ofMillis(900));
    assertThrows(AgentException.class, () -> keeper().check(ctx("run-b"), "x"));
    assertFalse(keeper().release(ctx("run-b")).getChanged(), "another run cannot release it");
    assertTrue(keeper().release(ctx("run-a")).getChanged());
    keeper().check(ctx("run-b"), "x");
  }

  @Test
  void noLeaseHeldAllowsMutatingCallsAndBadTtlIsRefused() throws Exception {
    keeper().check(ctx("any"), "x");
    AgentException e = assertThrows(AgentException.class, () -> keeper().acquire(acquire("a", "h", 10, false)));
    assertEquals(AgentException.Kind.INVALID_REQUEST, e.kind());
  }

  static final class MutableClock extends Clock {
    private Instant now = Instant.parse("2026-01-01T00:00:00Z");

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }
}
