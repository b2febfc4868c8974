package io.redisfleet.controller.crash;

/**
 * How big a run is: CI (3 masters + 3 replicas, every step, the first and last slot move, 20 000 keys) or
 * full ({@code -Dcrash.full=true}: also inside every slot move, 200 000 keys so moves take longer).
 */
record CrashSizes(boolean full, int keys) {

  static CrashSizes fromSystemProperties() {
    boolean full = Boolean.getBoolean("crash.full");
    return new CrashSizes(full, Integer.getInteger("crash.keys", full ? 200_000 : 20_000));
  }
}
