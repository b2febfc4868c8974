package io.redisfleet.agent.lease;

import io.redisfleet.agent.AgentException;
import io.redisfleet.agent.AgentException.Kind;
import io.redisfleet.agent.v1.AcquireLeaseRequest;
import io.redisfleet.agent.v1.Lease;
import io.redisfleet.agent.v1.LeaseResponse;
import io.redisfleet.agent.v1.RunContext;
import java.util.Optional;

/**
 * The lease rules: one run at a time may change this host. Acquire is granted when the lease is
 * free, expired or already the caller's (so a retried acquire is harmless); breaking another
 * run's lease needs the operator's explicit {@code break_lock}. Mutating calls from a run other
 * than the holder are refused by {@link #check}.
 */
public final class LeaseKeeper {

  private static final long MIN_TTL_MS = 100;
  private static final long MAX_TTL_MS = 3_600_000;

  private final LeaseStore store;

  public LeaseKeeper(LeaseStore store) {
    this.store = store;
  }

  public synchronized LeaseResponse acquire(AcquireLeaseRequest req) throws AgentException {
    String run = runId(req.getRun());
    long ttl = ttl(req.getTtlMs());
    if (req.getHolder().isBlank()) {
      throw new AgentException(Kind.INVALID_REQUEST, "AcquireLease: holder is empty");
    }
    Optional<Lease> other = store.heldByOther(run);
    if (other.isPresent() && !req.getBreakLock() && !takesOverDead(req, other.get())) {
      throw locked(other.get(), "acquire");
    }
    Lease lease = Lease.newBuilder().setHolder(req.getHolder()).setRunId(run)
        .setHolderHostId(req.getHolderHostId()).setHolderPid(req.getHolderPid())
        .setHolderStartedMs(req.getHolderStartedMs()).setExpiresAtMs(store.now() + ttl).build();
    store.write(lease);
    LeaseResponse.Builder r = LeaseResponse.newBuilder().setChanged(true).setLease(lease);
    other.ifPresent(r::setBroken);
    return r.build();
  }

  public synchronized LeaseResponse renew(RunContext ctx, long ttlMs) throws AgentException {
    String run = runId(ctx);
    long ttl = ttl(ttlMs);
    Lease current = store.current().orElseThrow(() -> new AgentException(Kind.NEEDS_OPERATOR,
        "RenewLease: run " + run + " holds no lease here (it expired or was released)"));
    if (!current.getRunId().equals(run)) {
      throw locked(current, "renew");
    }
    Lease renewed = current.toBuilder().setExpiresAtMs(store.now() + ttl).build();
    store.write(renewed);
    return LeaseResponse.newBuilder().setChanged(true).setLease(renewed).build();
  }

  public synchronized LeaseResponse release(RunContext ctx) throws AgentException {
    String run = runId(ctx);
    Optional<Lease> current = store.current();
    if (current.isPresent() && current.get().getRunId().equals(run)) {
      store.delete();
      return LeaseResponse.newBuilder().setChanged(true).build();
    }
    LeaseResponse.Builder r = LeaseResponse.newBuilder().setChanged(false);
    current.ifPresent(r::setLease);
    return r.build();
  }

  /** Refuses a mutating call when another run holds the lease; allows it when nobody does. */
  public void check(RunContext ctx, String rpc) throws AgentException {
    Optional<Lease> other = store.heldByOther(ctx.getRunId());
    if (other.isPresent()) {
      throw locked(other.get(), rpc);
    }
  }

  /**
   * A take-over of a run whose controller process its contender, on the same machine, found gone:
   * only the run it names and only from that machine (a contender elsewhere cannot see the
   * process, so it waits for the lease to expire).
   */
  private static boolean takesOverDead(AcquireLeaseRequest req, Lease held) {
    return !req.getTakeOverRunId().isEmpty() && req.getTakeOverRunId().equals(held.getRunId())
        && !held.getHolderHostId().isEmpty() && held.getHolderHostId().equals(req.getHolderHostId());
  }

  private static AgentException locked(Lease holder, String what) {
    return new AgentException(Kind.NEEDS_OPERATOR, what + " refused: the fleet is locked by "
        + LeaseStore.describe(holder) + "; wait for it to finish or expire, or use --break-lock");
  }

  private static String runId(RunContext ctx) throws AgentException {
    if (ctx.getRunId().isBlank()) {
      throw new AgentException(Kind.INVALID_REQUEST, "lease: run.run_id is empty");
    }
    return ctx.getRunId();
  }

  private static long ttl(long ttlMs) throws AgentException {
    if (ttlMs < MIN_TTL_MS || ttlMs > MAX_TTL_MS) {
      throw new AgentException(Kind.INVALID_REQUEST,
          "lease: ttl_ms " + ttlMs + " not within " + MIN_TTL_MS + ".." + MAX_TTL_MS);
    }
    return ttlMs;
  }
}
