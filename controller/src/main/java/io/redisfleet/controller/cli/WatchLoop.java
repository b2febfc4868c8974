package io.redisfleet.controller.cli;

import io.redisfleet.controller.app.Session;
import io.redisfleet.controller.exec.Reconciler;
import io.redisfleet.controller.exec.RolloutState;
import io.redisfleet.controller.exec.StepResult;
import io.redisfleet.controller.lock.FleetLock;
import io.redisfleet.controller.lock.FleetLockedException;
import io.redisfleet.controller.plan.PlanOptions;
import io.redisfleet.controller.plan.Rollout;
import io.redisfleet.controller.report.WatchLines;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code apply --watch}: the normal observe, plan, execute, again every interval, unattended. Each
 * round takes the fleet lock and gives it back when it ends, so another operator's apply can get
 * in between rounds. A round that fails (a step failed, a host did not answer, the lock was held)
 * doubles the pause before the next, up to {@link #MAX_BACKOFF} (or the interval when longer); a
 * round that converges resets it. Prints one line per change and one summary per round that
 * changed something or failed; quiet rounds print a heartbeat at most every {@link #HEARTBEAT}.
 */
final class WatchLoop {

  static final Duration MAX_BACKOFF = Duration.ofMinutes(5);
  static final Duration HEARTBEAT = Duration.ofMinutes(10);

  private final Session session;
  private final LockOptions lock;
  private final PrintWriter out;
  private final PrintWriter err;

  WatchLoop(Session session, LockOptions lock, PrintWriter out, PrintWriter err) {
    this.session = session;
    this.lock = lock;
    this.out = out;
    this.err = err;
  }

  /** Runs rounds until {@code stop} is requested; 0 on a clean stop. */
  int run(Rollout rollout, PlanOptions options, Duration interval, StopSignals stop) {
    AtomicReference<RolloutState> running = new AtomicReference<>();
    stop.onStop(why -> {
      RolloutState state = running.get();
      if (state != null) {
        state.halt("stopped by " + why + ": the rest is left to the next apply");
      }
    });
    print(WatchLines.started(session.inventory().source(), interval, session.runId()));
    int failures = 0;
    Instant lastLine = Instant.now();
    int round = 0;
    try {
      while (!stop.requested()) {
        round++;
        WatchLines.Round r = new WatchLines.Round(round);
        try (FleetLock held = session.lock(Duration.ofSeconds(lock.ttlSeconds), lock.breakLock && round == 1,
            w -> print(WatchLines.at(w)))) {
          Reconciler.Outcome outcome = session.apply(rollout, options, plan -> { },
              step -> r.step(step).ifPresent(this::print), state -> {
                running.set(state);
                if (stop.requested()) {
                  state.halt("stopped by " + stop.why() + ": the rest is left to the next apply");
                }
              });
          running.set(null);
          session.reportPlan(outcome.lastPlan(), "watch");
          r.outcome(outcome.failed(), outcome.problems());
        } catch (FleetLockedException e) {
          r.failedWith("fleet locked: " + e.getMessage());
        } catch (RuntimeException e) {
          // an unattended loop outlives one bad round (an agent's odd answer): it is logged and retried
          r.failedWith("round crashed: " + e);
        }
        failures = r.failed() ? failures + 1 : 0;
        Duration pause = pause(interval, failures);
        boolean heartbeat = Duration.between(lastLine, Instant.now()).compareTo(HEARTBEAT) >= 0;
        if (r.changed() > 0 || r.failed() || heartbeat) {
          print(r.summary(failures > 0 ? pause : Duration.ZERO, failures));
          lastLine = Instant.now();
        }
        stop.await(pause);
      }
    } catch (InterruptedException e) {
      // a second signal: the running step was abandoned; the fleet lock was released on the way out
    }
    print(WatchLines.stopped(stop.why(), round));
    return ExitCodes.OK;
  }

  /** The interval after a success; after n failed rounds in a row, interval·2^n, capped. */
  static Duration pause(Duration interval, int failures) {
    if (failures == 0) {
      return interval;
    }
    Duration cap = interval.compareTo(MAX_BACKOFF) > 0 ? interval : MAX_BACKOFF;
    Duration pause = interval.multipliedBy(1L << Math.min(failures, 20));
    return pause.compareTo(cap) > 0 ? cap : pause;
  }

  private void print(String line) {
    out.println(line);
    out.flush();
    err.flush();
  }
}
