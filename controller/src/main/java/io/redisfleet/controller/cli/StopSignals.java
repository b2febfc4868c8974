package io.redisfleet.controller.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * SIGTERM and SIGINT for {@code apply --watch}: the first asks the loop to stop at a safe point
 * (the step running now finishes, the rest of the round is skipped, the fleet lock is released,
 * exit 0); a second one also interrupts the running step (every step is safe to abandon: the
 * next apply finishes it). Handled with {@code sun.misc.Signal} so that the JVM does not start
 * shutting down (its exit code would be 143, and the lock's release would race the exit).
 */
final class StopSignals {

  private final CountDownLatch stopped = new CountDownLatch(1);
  private final AtomicReference<String> why = new AtomicReference<>();
  private final Thread main;
  private volatile Consumer<String> onStop = w -> { };

  private StopSignals(Thread main) {
    this.main = main;
  }

  /** Installs the handlers for the calling thread's loop. */
  static StopSignals install() {
    StopSignals signals = new StopSignals(Thread.currentThread());
    for (String name : new String[] {"TERM", "INT"}) {
      try {
        sun.misc.Signal.handle(new sun.misc.Signal(name), s -> signals.stop("SIG" + s.getName()));
      } catch (IllegalArgumentException unsupported) {
        // this platform does not deliver the signal to Java: the default handling stays
      }
    }
    return signals;
  }

  /** Asks the loop to stop (a signal, or a test); a second call interrupts the running step. */
  void stop(String reason) {
    if (!why.compareAndSet(null, reason)) {
      main.interrupt();
      return;
    }
    onStop.accept(reason);
    stopped.countDown();
  }

  /** Called once, on the first stop request (the loop halts the running apply with it). */
  void onStop(Consumer<String> action) {
    this.onStop = action;
  }

  boolean requested() {
    return why.get() != null;
  }

  String why() {
    return why.get();
  }

  /** Sleeps between rounds; returns early (true) when a stop is requested. */
  boolean await(java.time.Duration pause) throws InterruptedException {
    return stopped.await(pause.toMillis(), TimeUnit.MILLISECONDS);
  }
}
