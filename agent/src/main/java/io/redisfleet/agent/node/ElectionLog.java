package io.redisfleet.agent.node;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * When this agent last saw each of its nodes start a failover election (or win one), and until
 * when Redis will start no new election there (see {@link ClusterFailoverAttempts}). Kept by node
 * process (run id): a restarted node starts with no election state, so nothing is waited for. In
 * memory only: an agent restarted in between forgets, and a taken-back win is then caught after
 * the fact.
 */
final class ElectionLog {

  private record Election(String runId, long blockedUntil) {}

  private final Map<Integer, Election> elections = new ConcurrentHashMap<>();
  private final LongSupplier clock;

  ElectionLog() {
    this(System::nanoTime);
  }

  ElectionLog(LongSupplier clock) {
    this.clock = clock;
  }

  /** The node on {@code port} (process {@code runId}) had an election now; Redis holds on to it for {@code retry}. */
  void started(int port, String runId, Duration retry) {
    elections.put(port, new Election(runId, clock.getAsLong() + retry.toNanos()));
  }

  /** Nanoseconds until Redis starts a new, real election on this node process; 0 when it would now. */
  long blockedFor(int port, String runId) {
    Election last = elections.get(port);
    if (last == null || !last.runId().equals(runId)) {
      return 0;
    }
    return Math.max(0, last.blockedUntil() - clock.getAsLong());
  }
}
