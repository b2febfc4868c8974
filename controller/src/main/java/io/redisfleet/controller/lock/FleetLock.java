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
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The fleet lock: a lease on every host's agent. The first answering host in host-name order is
 * the gate, taken alone, so two controllers racing for the lock meet there and exactly one wins;
 * once the gate is held the other hosts' leases are taken in parallel (one after another they
 * cost a round trip per host: 1.35 s of a no-op apply's 2.7 s at 200 hosts), and a refusal from
 * any of them (a run that holds some leases but not the gate, e.g. one that broke locks) makes
 * this run give back all it took. Renewed every third of its time to live; if this controller
 * dies, the leases expire and the fleet is free again. A host whose agent does not answer is left
 * out (nothing can change it anyway) and reported unreachable by the run.
 */
public final class FleetLock implements AutoCloseable {

  private final List<AgentClient> held;
  private final Duration ttl;
  private final Consumer<String> warn;
  private final ExecutorService pool;
  private final ScheduledExecutorService renewer;

  private FleetLock(List<AgentClient> held, Duration ttl, Consumer<String> warn, ExecutorService pool) {
    this.held = held;
    this.ttl = ttl;
    this.warn = warn;
    this.pool = pool;
    this.renewer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "redis-fleet-lease");
      t.setDaemon(true);
      return t;
    });
    long every = Math.max(50, ttl.toMillis() / 3);
    renewer.scheduleWithFixedDelay(this::renew, every, every, TimeUnit.MILLISECONDS);
  }

  /**
   * Takes the lease on every answering host or none; {@code warn} hears about broken leases;
   * {@code pool} runs the calls after the gate's, and the releases.
   */
  public static FleetLock acquire(Map<String, AgentClient> agents, String holder, Duration ttl, boolean breakLock,
      Consumer<String> warn, ExecutorService pool) throws FleetLockedException, InterruptedException {
    List<AgentClient> ordered = new ArrayList<>(new TreeMap<>(agents).values());
    List<AgentClient> held = new ArrayList<>();
    int next = 0;
    while (next < ordered.size() && held.isEmpty()) { // the gate, the first host that answers: refused there, nothing is taken
      AgentClient agent = ordered.get(next++);
      if (take(agent, holder, ttl, breakLock, warn)) {
        held.add(agent);
      }
    }
    List<AgentClient> rest = ordered.subList(next, ordered.size());
    List<Future<Boolean>> taken = new ArrayList<>();
    rest.forEach(agent -> taken.add(pool.submit(() -> take(agent, holder, ttl, breakLock, warn))));
    FleetLockedException refused = null;
    for (int i = 0; i < rest.size(); i++) {
      try {
        if (taken.get(i).get()) {
          held.add(rest.get(i));
        }
      } catch (ExecutionException e) {
        if (e.getCause() instanceof FleetLockedException f) {
          refused = refused == null ? f : refused;
        } else {
          refused = refused == null ? new FleetLockedException("could not take the fleet lock on host "
              + rest.get(i).host() + ", nothing was changed: " + e.getCause(), e.getCause()) : refused;
        }
      } catch (InterruptedException e) {
        taken.forEach(f -> f.cancel(true));
        release(held, warn, pool);
        throw e;
      }
    }
    if (refused != null) {
      release(held, warn, pool);
      throw refused;
    }
    return new FleetLock(held, ttl, warn, pool);
  }

  /** True when the lease on {@code agent} is now this run's; false when the agent did not answer. */
  private static boolean take(AgentClient agent, String holder, Duration ttl, boolean breakLock,
      Consumer<String> warn) throws FleetLockedException {
    try {
      LeaseOutcome r = acquireOrTakeOver(agent, holder, ttl, breakLock, warn);
      if (r.broken().isPresent()) {
        Lease broken = r.broken().get();
        warn.accept("WARNING: --break-lock: broke the lease of " + broken.holder() + " (run "
            + broken.runId() + ", until " + Instant.ofEpochMilli(broken.expiresAtMs())
            + ") on host " + agent.host() + "; that run may still be changing the fleet");
      }
      return true;
    } catch (AgentCallException e) {
      if (!e.unreachable()) { // the agent answered and said no: held by another run
        throw new FleetLockedException("could not take the fleet lock, nothing was changed: " + e.getMessage(), e);
      }
      return false; // unreachable (network, deadline, TLS): reported as such, and nothing is sent to it
    }
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

  /**
   * In the renewer's own thread, one host after another: the pool may be full of steps that wait
   * for minutes, and a renewal queued behind them would let the leases expire mid-run.
   */
  private void renew() {
    for (AgentClient agent : held) {
      try {
        agent.renewLease(ttl);
      } catch (AgentCallException e) {
        warn.accept("WARNING: could not renew the fleet lease: " + e.getMessage());
      }
    }
  }

  private static void release(List<AgentClient> held, Consumer<String> warn, ExecutorService pool) {
    onEach(held, pool, agent -> {
      try {
        agent.releaseLease();
      } catch (AgentCallException e) {
        warn.accept("could not release the fleet lease (it expires by itself): " + e.getMessage());
      }
    });
  }

  /**
   * Runs {@code call} (which handles the agent's failures itself) for every agent on {@code pool}
   * and waits for all, each call bounded by its deadline; in this thread once the pool is shut down.
   */
  private static void onEach(List<AgentClient> agents, ExecutorService pool, Consumer<AgentClient> call) {
    List<Future<?>> running = new ArrayList<>();
    for (AgentClient agent : agents) {
      try {
        running.add(pool.submit(() -> call.accept(agent)));
      } catch (RejectedExecutionException shutDown) {
        call.accept(agent);
      }
    }
    for (Future<?> f : running) {
      try {
        f.get();
      } catch (ExecutionException bug) {
        throw new IllegalStateException(bug.getCause());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return; // the calls already sent go on in the pool
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
    release(held, warn, pool);
  }
}
