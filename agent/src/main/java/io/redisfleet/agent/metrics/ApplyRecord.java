package io.redisfleet.agent.metrics;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/** The outcome of the last ApplyNode this agent ran (not a preview), for the metrics endpoint. */
public final class ApplyRecord {

  /** One ApplyNode: when it ended and whether it succeeded. */
  public record Last(Instant at, boolean ok) {}

  private final AtomicReference<Last> last = new AtomicReference<>();

  public void record(Instant at, boolean ok) {
    last.set(new Last(at, ok));
  }

  public Optional<Last> last() {
    return Optional.ofNullable(last.get());
  }
}
