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

  private static final Pattern STEP_LINE = Pattern.compile("^\\d\\d:\\d\\d:\\d\\d \\S+ (changed|ok|FAILED|skipped) .*");
  private static final String EOF = "\u0000eof";
  private static final long DEADLINE_MS = 240_000;

  /** What the run printed, whether it was killed there, and a note on how the kill landed. */
  record Run(String output, boolean killed, String note) {}

  private ControllerProcess() {}

  static Run applyAndKill(Path inventory, KillPoint point, OpenSlots openSlots) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
        "io.redisfleet.controller.cli.Main", "apply", inventory.toString(), "--yes", "--skip-preflight", "--progress", "plain")
        .redirectErrorStream(true).start();
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
      started |= line.matches("^\\d\\d:\\d\\d:\\d\\d run \\S+: \\d+ step\\(s\\)$");
      steps += STEP_LINE.matcher(line).matches() ? 1 : 0;
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
