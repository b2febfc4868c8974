package io.redisfleet.agent.service;

import java.util.HashMap;
import java.util.Map;

/**
 * A unit's state as {@code systemctl show --timestamp=unix -p MainPID,ActiveState,
 * ExecMainStartTimestamp} prints it ({@code KEY=value} lines; timestamps as {@code @seconds}).
 *
 * @param activeState active, activating, deactivating, inactive, failed, reloading
 * @param mainPid the main process, 0 when none
 * @param startedAtMillis when the main process started (epoch millis), 0 when unknown
 */
record SystemdUnitState(String activeState, long mainPid, long startedAtMillis) {

  static final String PROPERTIES = "MainPID,ActiveState,ExecMainStartTimestamp";
  /** For systemd before 248 (Debian 11), which has no --timestamp=unix: microseconds since boot. */
  static final String PROPERTIES_MONOTONIC = "MainPID,ActiveState,ExecMainStartTimestampMonotonic";

  /** Output of PROPERTIES_MONOTONIC, the boot time (epoch millis) turning it into a wall-clock time. */
  static SystemdUnitState parseMonotonic(String showOutput, long bootMillis) {
    SystemdUnitState s = parse(showOutput);
    long micros = 0;
    for (String line : showOutput.split("\n")) {
      if (line.startsWith("ExecMainStartTimestampMonotonic=")) {
        micros = parseLong(line.substring(line.indexOf('=') + 1).trim());
      }
    }
    return new SystemdUnitState(s.activeState(), s.mainPid(), micros == 0 ? 0 : bootMillis + micros / 1000);
  }

  /** The unit a block of {@code systemctl show -p Id,...} output is about. */
  static String id(String showOutput) {
    for (String line : showOutput.split("\n")) {
      if (line.startsWith("Id=")) {
        return line.substring(3).trim();
      }
    }
    throw new IllegalArgumentException("no Id in systemctl show output: " + showOutput.strip());
  }

  static SystemdUnitState parse(String showOutput) {
    Map<String, String> values = new HashMap<>();
    for (String line : showOutput.split("\n")) {
      int eq = line.indexOf('=');
      if (eq > 0) {
        values.put(line.substring(0, eq).trim(), line.substring(eq + 1).trim());
      }
    }
    String state = values.getOrDefault("ActiveState", "");
    if (state.isEmpty()) {
      throw new IllegalArgumentException("no ActiveState in systemctl show output: " + showOutput.strip());
    }
    return new SystemdUnitState(state, parseLong(values.get("MainPID")),
        parseUnixTimestamp(values.get("ExecMainStartTimestamp")));
  }

  boolean isActive() {
    return activeState.equals("active") || activeState.equals("reloading");
  }

  boolean isFailed() {
    return activeState.equals("failed");
  }

  /** Stopped for good: nothing runs and systemd is not about to start it again. */
  boolean isDown() {
    return (activeState.equals("inactive") || activeState.equals("failed")) && mainPid == 0;
  }

  ServiceStatus toStatus() {
    boolean alive = mainPid > 0 && (isActive() || activeState.equals("deactivating"));
    return alive ? new ServiceStatus(true, mainPid, startedAtMillis) : ServiceStatus.stopped();
  }

  private static long parseLong(String value) {
    if (value == null || value.isEmpty()) {
      return 0;
    }
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not a number in systemctl show output: " + value, e);
    }
  }

  /** "@1732539900" (--timestamp=unix), possibly with fractional seconds; empty or n/a is 0. */
  private static long parseUnixTimestamp(String value) {
    if (value == null || !value.startsWith("@")) {
      return 0;
    }
    try {
      return Math.round(Double.parseDouble(value.substring(1)) * 1000);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not a unix timestamp in systemctl show output: " + value, e);
    }
  }
}
