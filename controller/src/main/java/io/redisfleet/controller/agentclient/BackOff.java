package io.redisfleet.controller.agentclient;

import java.time.Duration;

/**
 * An immutable exponential back-off: {@code attempts} tries in all, the first delay
 * {@code initial}, each next one {@code factor} times longer, never above {@code max}.
 */
public record BackOff(int attempts, Duration initial, double factor, Duration max) {

  public static final BackOff DEFAULT = new BackOff(4, Duration.ofMillis(200), 2.0, Duration.ofSeconds(3));
  public static final BackOff NONE = new BackOff(1, Duration.ZERO, 1.0, Duration.ZERO);

  public BackOff {
    if (attempts < 1) {
      throw new IllegalArgumentException("attempts < 1");
    }
  }

  /** The delay before attempt {@code n} (1-based; attempt 1 has none). */
  public Duration delayBefore(int n) {
    if (n <= 1) {
      return Duration.ZERO;
    }
    double millis = initial.toMillis() * Math.pow(factor, n - 2);
    return Duration.ofMillis((long) Math.min(millis, max.toMillis()));
  }
}
