package io.redisfleet.controller.lock;

import io.redisfleet.controller.agentclient.AgentCallException;
import io.redisfleet.controller.agentclient.AgentClient;
import io.redisfleet.controller.model.Lease;
import io.redisfleet.controller.model.LeaseOutcome;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The fleet lock: a lease on every host's agent, taken in host-name order so two controllers
 * racing for it meet at the same first host and exactly one wins; the loser gives back what it
 * took. Renewed every third of its time to live; if this controller dies, the leases expire and
 * the fleet is free again. A host whose agent does not answer is left out (nothing can change it
 * anyway) and reported unreachable by the run.
 */
public final class FleetLock implements AutoCloseable {

  private final List<AgentClient> held;
  private final Duration ttl;
  private final Consumer<String> warn;
  private final ScheduledExecutorService renewer;

  private FleetLock(List<AgentClient> held, Duration ttl, Consumer<String> warn) {
    this.held = held;
    this.ttl = ttl;
    this.warn = warn;
    this.renewer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "redis-fleet-lease");
      t.setDaemon(true);
      return t;
    });
    long every = Math.max(50, ttl.toMillis() / 3);
    renewer.scheduleWithFixedDelay(this::renew, every, every, TimeUnit.MILLISECONDS);
  }

  /** Takes the lease on every answering host or none; {@code warn} hears about broken leases. */
  public static FleetLock acquire(Map<String, AgentClient> agents, String holder, Duration ttl, boolean breakLock,
      Consumer<String> warn) throws FleetLockedException {
    List<AgentClient> held = new ArrayList<>();
    for (AgentClient agent : new TreeMap<>(agents).values()) {
      try {
        LeaseOutcome r = acquireOrTakeOver(agent, holder, ttl, breakLock, warn);
        held.add(agent);
        if (r.broken().isPresent()) {
          Lease broken = r.broken().get();
          warn.accept("WARNING: --break-lock: broke the lease of " + broken.holder() + " (run "
              + broken.runId() + ", until " + Instant.ofEpochMilli(broken.expiresAtMs())
              + ") on host " + agent.host() + "; that run may still be changing the fleet");
        }
      } catch (AgentCallException e) {
        if (!e.unreachable()) { // the agent answered and said no: held by another run
          release(held, warn);
          throw new FleetLockedException("could not take the fleet lock, nothing was changed: " + e.getMessage(), e);
        }
        // unreachable (network, deadline, TLS): reported as such, and nothing is sent to it
      }
    }
    return new FleetLock(held, ttl, warn);
  }

  /**
   * Acquires the lease; when another run holds it, asks the agent who (ReleaseLease of a lease
   * this run does not hold only reports it) and takes it over when that run's controller ran on
   * this machine and its process is gone, so a killed controller does not keep the fleet locked
   * for the lease's full time to live.
   */
  private static LeaseOutcome acquireOrTakeOver(AgentClient agent, String holder, Duration ttl, boolean breakLock,
      Consumer<String> warn) throws AgentCallException {
    HolderProcess self = HolderProcess.current();
    try {
      return agent.acquireLease(self.claim(holder), ttl, breakLock, "");
    } catch (AgentCallException refused) {
      if (refused.unreachable()) {
        throw refused;
      }
      LeaseOutcome now = agent.releaseLease();
      if (now.lease().flatMap(HolderProcess::of).filter(self::seesGone).isEmpty()) {
        throw refused;
      }
      Lease dead = now.lease().get();
      LeaseOutcome r = agent.acquireLease(self.claim(holder), ttl, false, dead.runId());
      warn.accept("took over the fleet lease of " + dead.holder() + " (run " + dead.runId() + ") on host "
          + agent.host() + ": its controller process " + dead.holderPid() + " on this machine is gone");
      return new LeaseOutcome(r.changed(), r.lease(), java.util.Optional.empty());
    }
  }

  public static String defaultHolder() {
    String host = System.getenv().getOrDefault("HOSTNAME", "");
    try {
      host = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/sys/kernel/hostname")).strip();
    } catch (java.io.IOException e) {
      // keep $HOSTNAME
    }
    return System.getProperty("user.name") + "@" + host + " pid " + ProcessHandle.current().pid();
  }

  private void renew() {
    for (AgentClient agent : held) {
      try {
        agent.renewLease(ttl);
      } catch (AgentCallException e) {
        warn.accept("WARNING: could not renew the fleet lease: " + e.getMessage());
      }
    }
  }

  private static void release(List<AgentClient> held, Consumer<String> warn) {
    for (AgentClient agent : held) {
      try {
        agent.releaseLease();
      } catch (AgentCallException e) {
        warn.accept("could not release the fleet lease (it expires by itself): " + e.getMessage());
      }
    }
  }

  @Override
  public void close() {
    renewer.shutdownNow();
    try {
      renewer.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    release(held, warn);
  }
}
