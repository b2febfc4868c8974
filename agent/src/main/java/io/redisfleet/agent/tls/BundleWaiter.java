package io.redisfleet.agent.tls;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.LoggerFactory;

/**
 * Waits for an agent's TLS bundle to arrive. An agent installed before provisioning has copied
 * its bundle logs one line and polls, instead of failing and being restarted by systemd in a loop;
 * it starts serving as soon as the three files are there.
 */
public final class BundleWaiter {

  private final TlsFiles files;
  private final Duration pollInterval;
  private final Consumer<String> log;
  private final CountDownLatch cancelled = new CountDownLatch(1);

  public BundleWaiter(TlsFiles files, Duration pollInterval, Consumer<String> log) {
    this.files = Objects.requireNonNull(files, "files");
    this.pollInterval = Objects.requireNonNull(pollInterval, "pollInterval");
    this.log = Objects.requireNonNull(log, "log");
  }

  /** Polls every second and logs through slf4j. */
  public BundleWaiter(TlsFiles files) {
    this(files, Duration.ofSeconds(1), LoggerFactory.getLogger(BundleWaiter.class)::info);
  }

  /**
   * Returns once all three files are usable. Ends early with InterruptedException if the thread
   * is interrupted, or CancellationException after {@link #cancel()}.
   */
  public void await() throws InterruptedException {
    awaitUntil(Long.MAX_VALUE);
  }

  /** As {@link #await()}, giving up after {@code timeout}; true if the bundle is there. */
  public boolean await(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    return awaitUntil(deadline);
  }

  /** Stops a waiting {@link #await()} from another thread (for example on shutdown). */
  public void cancel() {
    cancelled.countDown();
  }

  private boolean awaitUntil(long deadlineNanos) throws InterruptedException {
    if (files.notReady().isEmpty()) {
      return true;
    }
    log.accept("waiting for TLS bundle in " + files.dir() + " (ca.crt, agent.crt, agent.key)");
    while (true) {
      long left = deadlineNanos == Long.MAX_VALUE ? Long.MAX_VALUE : deadlineNanos - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      if (cancelled.await(Math.min(left, pollInterval.toNanos()), TimeUnit.NANOSECONDS)) {
        throw new CancellationException("stopped waiting for TLS bundle in " + files.dir());
      }
      if (files.notReady().isEmpty()) {
        return true;
      }
    }
  }
}
