package io.redisfleet.controller.model;

import java.util.Optional;

/**
 * A server's engine ("redis" or "valkey") and that engine's own version, as an agent reported it
 * for the installed binary or a running node; empty strings when unknown.
 */
public record ServerVersion(String engine, String version) {

  public static final ServerVersion UNKNOWN = new ServerVersion("", "");

  public boolean known() {
    return !engine.isEmpty() && !version.isEmpty();
  }

  /**
   * Why a node running {@code this} should be restarted onto {@code installed}: a newer version of
   * the same engine, or Redis to Valkey (Valkey loads Redis data files; the way back is not
   * supported). Empty when it should not.
   */
  public Optional<String> upgradeTo(ServerVersion installed) {
    if (!known() || !installed.known()) {
      return Optional.empty();
    }
    if (engine.equals(installed.engine())) {
      return compare(version, installed.version()) < 0
          ? Optional.of(version + " → " + installed.version()) : Optional.empty();
    }
    return engine.equals("redis") && installed.engine().equals("valkey")
        ? Optional.of(this + " → " + installed) : Optional.empty();
  }

  /**
   * A Redis older than 6.2, whose masters have no FAILOVER command: a group's handover is then
   * fenced writes, a promotion and a re-point, driven by the controller (Valkey has FAILOVER).
   */
  public boolean lacksFailover() {
    return known() && engine.equals("redis") && compare(version, "6.2") < 0;
  }

  /** Dotted numeric comparison: 7.0.9 < 7.0.15 < 7.2.4; a non-numeric part compares as text. */
  static int compare(String a, String b) {
    String[] x = a.split("\\.");
    String[] y = b.split("\\.");
    for (int i = 0; i < Math.max(x.length, y.length); i++) {
      String p = i < x.length ? x[i] : "0";
      String q = i < y.length ? y[i] : "0";
      int c = p.matches("\\d+") && q.matches("\\d+") ? Long.compare(Long.parseLong(p), Long.parseLong(q))
          : p.compareTo(q);
      if (c != 0) {
        return c;
      }
    }
    return 0;
  }

  @Override
  public String toString() {
    return known() ? engine + " " + version : "unknown";
  }
}
