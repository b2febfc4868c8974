package io.redisfleet.controller.plan;

import java.util.Objects;
import java.util.Set;

/**
 * How apply rolls changes out: how many hosts at a time ({@code --batch}), how many hosts may
 * fail before it stops ({@code --max-fail}), and which hosts it may change at all
 * ({@code --limit}; empty means every host).
 */
public record Rollout(Size batch, Size maxFail, Set<String> limit) {

  public static final Rollout DEFAULT = new Rollout(Size.all(), Size.all(), Set.of());

  public Rollout {
    Objects.requireNonNull(batch, "batch");
    Objects.requireNonNull(maxFail, "maxFail");
    limit = Set.copyOf(limit);
  }

  public boolean inLimit(String host) {
    return limit.isEmpty() || limit.contains(host);
  }

  /** Hosts per batch out of {@code total} (at least one; no bound without --batch). */
  public int hostsPerBatch(int total) {
    return batch.unbounded() ? Integer.MAX_VALUE : Math.max(1, batch.ceilOf(total));
  }

  /** Whether {@code failed} hosts out of {@code total} is more than the budget allows. */
  public boolean budgetExceeded(int failed, int total) {
    return maxFail.exceededBy(failed, total);
  }

  /** A count ("3"), a share of the hosts ("25%") or no bound. */
  public record Size(int value, boolean percent, boolean unbounded) {

    public static Size all() {
      return new Size(0, false, true);
    }

    public static Size count(int n) {
      return new Size(n, false, false);
    }

    public static Size percent(int p) {
      return new Size(p, true, false);
    }

    /** Parses "N" or "P%"; throws IllegalArgumentException with the reason. */
    public static Size parse(String text) {
      String t = text.strip();
      boolean pct = t.endsWith("%");
      int n;
      try {
        n = Integer.parseInt(pct ? t.substring(0, t.length() - 1) : t);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("'" + text + "' is not N or P%");
      }
      if (n < 0 || (pct && n > 100)) {
        throw new IllegalArgumentException("'" + text + "' out of range (N >= 0, 0% .. 100%)");
      }
      return pct ? percent(n) : count(n);
    }

    int ceilOf(int total) {
      return unbounded ? total : percent ? (int) Math.ceil(total * value / 100.0) : value;
    }

    boolean exceededBy(int failed, int total) {
      return !unbounded && (percent ? failed * 100L > (long) value * total : failed > value);
    }

    @Override
    public String toString() {
      return unbounded ? "all" : value + (percent ? "%" : "");
    }
  }
}
