package io.redisfleet.agent.service;

import io.redisfleet.agent.AgentException;
import io.redisfleet.agent.AgentException.Kind;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;

/**
 * systemctl for one unit at a time: every call is bounded by the caller's deadline and every
 * failure names the unit, the step and what systemctl said on stderr.
 */
final class SystemdCtl {

  /** A point in time every command and wait of one operation must finish by. */
  record Deadline(long atNanos, Duration total) {
    static Deadline after(Duration timeout) {
      return new Deadline(System.nanoTime() + timeout.toNanos(), timeout);
    }

    Duration remaining() {
      return Duration.ofNanos(Math.max(0, atNanos - System.nanoTime()));
    }

    boolean passed() {
      return System.nanoTime() - atNanos >= 0;
    }
  }

  private final SystemdCommands commands;
  private final Duration pollInterval;

  SystemdCtl(SystemdCommands commands, Duration pollInterval) {
    this.commands = commands;
    this.pollInterval = pollInterval;
  }

  SystemdCommands.Result run(String unit, String step, Deadline deadline, String... args)
      throws AgentException {
    List<String> argv = new ArrayList<>(List.of("systemctl"));
    argv.addAll(List.of(args));
    String what = unit + ": " + step + " (" + String.join(" ", argv) + ")";
    SystemdCommands.Result result;
    try {
      result = commands.run(argv, deadline.remaining());
    } catch (TimeoutException e) {
      throw new AgentException(Kind.RETRYABLE, what + " did not finish within " + deadline.total(), e);
    } catch (IOException e) {
      throw new AgentException(Kind.FATAL, what + " could not run: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AgentException(Kind.RETRYABLE, what + " interrupted", e);
    }
    if (!result.ok()) {
      boolean starting = step.equals("start") || step.equals("restart");
      throw new AgentException(Kind.NEEDS_OPERATOR, what + " failed with exit " + result.exitCode() + ": "
          + result.stderr().strip() + (starting ? configError(unit) : ""));
    }
    return result;
  }

  SystemdUnitState show(String unit, Deadline deadline) throws AgentException {
    try {
      return withTimestamps((unix, boot) -> unix
          ? SystemdUnitState.parse(run(unit, "status", deadline,
              "show", "--timestamp=unix", "-p", SystemdUnitState.PROPERTIES, unit).stdout())
          : SystemdUnitState.parseMonotonic(run(unit, "status", deadline,
              "show", "-p", SystemdUnitState.PROPERTIES_MONOTONIC, unit).stdout(), boot));
    } catch (IllegalArgumentException e) {
      throw new AgentException(Kind.FATAL, unit + ": status: " + e.getMessage(), e);
    }
  }

  private volatile boolean unixTimestamps = true;

  /** One way of asking systemctl show: with unix timestamps, or the monotonic ones and the boot time. */
  @FunctionalInterface
  private interface Shown<T> {
    T ask(boolean unix, long bootMillis) throws AgentException;
  }

  /**
   * Asks with unix timestamps; systemd before 248 (Debian 11) refuses them, and from then on this
   * host is asked for the monotonic start time instead.
   */
  private <T> T withTimestamps(Shown<T> shown) throws AgentException {
    if (unixTimestamps) {
      try {
        return shown.ask(true, 0);
      } catch (AgentException e) {
        if (!e.getMessage().contains("Invalid value: unix")) {
          throw e;
        }
        unixTimestamps = false;
      }
    }
    return shown.ask(false, bootMillis());
  }

  /**
   * {@link #show} of several units in one systemctl process, by unit name: systemctl prints one
   * block per unit, separated by an empty line; each block's Id says whose it is.
   */
  java.util.Map<String, SystemdUnitState> showAll(List<String> units, Deadline deadline) throws AgentException {
    String what = units.size() + " units";
    try {
      return withTimestamps((unix, boot) -> unix
          ? byUnit(units, run(what, "status", deadline, showArgs(units, "--timestamp=unix", SystemdUnitState.PROPERTIES)),
              SystemdUnitState::parse)
          : byUnit(units, run(what, "status", deadline, showArgs(units, null, SystemdUnitState.PROPERTIES_MONOTONIC)),
              block -> SystemdUnitState.parseMonotonic(block, boot)));
    } catch (IllegalArgumentException e) {
      throw new AgentException(Kind.FATAL, what + ": status: " + e.getMessage(), e);
    }
  }

  private static java.util.Map<String, SystemdUnitState> byUnit(List<String> units, SystemdCommands.Result shown,
      java.util.function.Function<String, SystemdUnitState> parse) {
    java.util.Map<String, SystemdUnitState> out = new java.util.HashMap<>();
    for (String block : shown.stdout().split("\\n\\s*\\n")) {
      if (!block.isBlank()) {
        out.put(SystemdUnitState.id(block), parse.apply(block));
      }
    }
    for (String unit : units) {
      if (!out.containsKey(unit)) {
        throw new IllegalArgumentException(unit + " is not in the output of systemctl show: " + shown.stdout().strip());
      }
    }
    return out;
  }

  private static String[] showArgs(List<String> units, String timestamps, String properties) {
    List<String> args = new ArrayList<>(List.of("show"));
    if (timestamps != null) {
      args.add(timestamps);
    }
    args.addAll(List.of("-p", "Id," + properties));
    args.addAll(units);
    return args.toArray(String[]::new);
  }

  /** The kernel's boot time (btime in /proc/stat), in epoch millis; 0 when unreadable. */
  private static long bootMillis() {
    try {
      return java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/stat")).stream()
          .filter(l -> l.startsWith("btime ")).findFirst()
          .map(l -> Long.parseLong(l.substring(6).trim()) * 1000).orElse(0L);
    } catch (java.io.IOException | NumberFormatException e) {
      return 0;
    }
  }

  /** Waits until the unit is active; a unit that failed meanwhile fails at once. */
  void awaitActive(String unit, Deadline deadline) throws AgentException {
    SystemdUnitState state = show(unit, deadline);
    while (!state.isActive()) {
      if (state.isFailed()) {
        throw new AgentException(Kind.NEEDS_OPERATOR,
            unit + ": start: unit failed" + configError(unit) + " (see journalctl -u " + unit + ")");
      }
      state = pollAgain(unit, "start", state, deadline);
    }
  }

  /**
   * What redis-server said when it refused its conf, from the unit's journal (its log goes
   * there): ": *** FATAL CONFIG FILE ERROR … at line 12 >>> 'databases "0"' argument must be …",
   * or "" when the journal does not say (then the pointer to journalctl is all there is).
   */
  private String configError(String unit) {
    try {
      List<String> lines = commands.run(List.of("journalctl", "-u", unit, "-n", "20", "-o", "cat", "--no-pager"),
          Duration.ofSeconds(5)).stdout().lines().map(String::strip).toList();
      for (int i = lines.size() - 1; i >= 0; i--) {
        if (lines.get(i).contains("FATAL CONFIG FILE ERROR")) {
          return ": " + String.join(" ", lines.subList(i, Math.min(lines.size(), i + 4)));
        }
      }
      return "";
    } catch (IOException | java.util.concurrent.TimeoutException e) {
      return "";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "";
    }
  }

  /** Waits until the unit is inactive or failed with no process left. */
  void awaitDown(String unit, Deadline deadline) throws AgentException {
    SystemdUnitState state = show(unit, deadline);
    while (!state.isDown()) {
      state = pollAgain(unit, "stop", state, deadline);
    }
  }

  private SystemdUnitState pollAgain(String unit, String step, SystemdUnitState last, Deadline deadline)
      throws AgentException {
    if (deadline.passed()) {
      throw new AgentException(Kind.RETRYABLE, unit + ": " + step + ": still " + last.activeState()
          + " after " + deadline.total());
    }
    try {
      Thread.sleep(pollInterval.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AgentException(Kind.RETRYABLE, unit + ": " + step + ": interrupted", e);
    }
    return show(unit, deadline);
  }
}
