package io.redisfleet.controller.crash;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * {@code controller apply} as a separate JVM (the test JVM's class path), so that killing it is a
 * real SIGKILL: no shutdown hook runs, its fleet lease stays behind, and rpcs it already sent keep
 * running in the agents. Reads its plain progress lines and kills it at the {@link KillPoint}.
 */
final class ControllerProcess {

  static final Pattern STEP_LINE = Pattern.compile("^\\d\\d:\\d\\d:\\d\\d \\S+ (changed|ok|FAILED|skipped) .*");
  /** A change line of {@code apply --watch} (report/WatchLines): instant, host, node, changed or FAILED. */
  private static final Pattern WATCH_STEP = Pattern.compile("^\\S+Z \\S+ \\S+ (changed|FAILED) .*");
  private static final Pattern WATCH_ROUND_END = Pattern.compile("^\\S+Z round \\d+: .*");
  private static final String EOF = "\u0000eof";
  private static final long DEADLINE_MS = 240_000;

  /** What the run printed, whether it was killed there, and a note on how the kill landed. */
  record Run(String output, boolean killed, String note) {}

  private ControllerProcess() {}

  static Run applyAndKill(Path inventory, KillPoint point, OpenSlots openSlots) throws IOException, InterruptedException {
    return applyAndKill(inventory, point, openSlots, false);
  }

  /**
   * As above; with {@code watch}, the controller runs {@code apply --watch} (one long interval,
   * so only its first round runs) and is killed in that round: after {@code done} change lines.
   */
  static Run applyAndKill(Path inventory, KillPoint point, OpenSlots openSlots, boolean watch)
      throws IOException, InterruptedException {
    return applyAndKill(inventory, point, openSlots, watch, java.util.List.of());
  }

  /** As above, with more apply options ({@code --force} for the lost-shard cells). */
  static Run applyAndKill(Path inventory, KillPoint point, OpenSlots openSlots, boolean watch, java.util.List<String> options)
      throws IOException, InterruptedException {
    java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
        "io.redisfleet.controller.cli.Main", "apply", inventory.toString(), "--yes", "--skip-preflight"));
    command.addAll(options);
    command.addAll(watch ? java.util.List.of("--watch", "--interval", "1h") : java.util.List.of("--progress", "plain"));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    Thread reader = new Thread(() -> pump(p, lines), "controller-output");
    reader.setDaemon(true);
    reader.start();
    StringBuilder out = new StringBuilder();
    long deadline = System.currentTimeMillis() + DEADLINE_MS;
    int steps = 0;
    boolean started = false;
    while (System.currentTimeMillis() < deadline) {
      boolean moving = point instanceof KillPoint.DuringMove m && started && steps == m.index() - 1;
      String line = lines.poll(moving ? 1 : 100, TimeUnit.MILLISECONDS);
      if (line == null) {
        if (moving && openSlots.anyOpen(((KillPoint.DuringMove) point).source())) {
          return kill(p, out, "killed with a slot open on the source");
        }
        continue;
      }
      if (line.equals(EOF)) {
        int exit = p.waitFor();
        return new Run(out.toString(), false, "controller exited " + exit + " after " + steps + " step(s), before the crash point");
      }
      out.append(line).append('\n');
      started |= watch ? line.contains(" watching ") : line.matches("^\\d\\d:\\d\\d:\\d\\d run \\S+: \\d+ step\\(s\\)$");
      steps += (watch ? WATCH_STEP : STEP_LINE).matcher(line).matches() ? 1 : 0;
      if (watch && WATCH_ROUND_END.matcher(line).matches()) {
        return kill(p, out, "MISSED: the watch round ended after " + steps + " change line(s); killed after it");
      }
      if (point instanceof KillPoint.AfterSteps a && started && steps == a.done()) {
        return kill(p, out, "killed after " + steps + " step line(s)");
      }
      if (point instanceof KillPoint.DuringMove m && steps >= m.index()) {
        return kill(p, out, "MISSED: the move finished before a slot was seen open; killed after it");
      }
    }
    return kill(p, out, "killed at the " + DEADLINE_MS + " ms deadline without reaching the crash point");
  }

  private static Run kill(Process p, StringBuilder out, String note) throws InterruptedException {
    p.destroyForcibly(); // SIGKILL
    if (!p.waitFor(30, TimeUnit.SECONDS)) {
      throw new IllegalStateException("controller pid " + p.pid() + " survived SIGKILL for 30 s");
    }
    return new Run(out.toString(), true, note);
  }

  private static void pump(Process p, BlockingQueue<String> lines) {
    try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        lines.add(line);
      }
    } catch (IOException e) {
      // the process was killed: its pipe closed
    }
    lines.add(EOF);
  }

  /** Whether a node reports a slot open right now (polled while a move is in flight). */
  interface OpenSlots {
    boolean anyOpen(int node);
  }
}
