package io.redisfleet.controller.report;

import io.redisfleet.controller.exec.StepResult;
import io.redisfleet.controller.plan.Plan;
import java.io.PrintWriter;
import java.time.LocalTime;
import java.util.Map;
import java.util.function.Supplier;

/**
 * How a running apply shows itself: a live per-host view on a terminal, plain timestamped lines
 * otherwise (logs, CI, pipes), nothing with --json. The core emits events; this renders them.
 */
public interface Progress {

  /** A round's plan is about to run. */
  void plan(String runId, Plan plan);

  /** A step finished. */
  void step(StepResult result);

  /** The run is over (the recap follows). */
  void done();

  /** Which view: "live", "plain" or "auto" (live on a terminal unless TERM=dumb). */
  static Progress choose(String mode, PrintWriter out, Map<String, String> env, boolean console) {
    boolean color = !env.containsKey("NO_COLOR") && !"dumb".equals(env.get("TERM"));
    boolean live = mode.equals("live") || mode.equals("auto") && console && !"dumb".equals(env.get("TERM"));
    return live ? new LiveProgress(out, color) : new PlainProgress(out, LocalTime::now);
  }

  static Progress silent() {
    return new Progress() {
      public void plan(String runId, Plan plan) {}

      public void step(StepResult result) {}

      public void done() {}
    };
  }

  /** One line per event, each starting with the time: greppable and safe in a log file. */
  final class PlainProgress implements Progress {
    private final PrintWriter out;
    private final Supplier<LocalTime> clock;

    public PlainProgress(PrintWriter out, Supplier<LocalTime> clock) {
      this.out = out;
      this.clock = clock;
    }

    @Override
    public synchronized void plan(String runId, Plan plan) {
      out.printf("%s run %s: %d step(s)%n", clock.get().format(java.time.format.DateTimeFormatter.ofPattern("HH:mm:ss")),
          runId, plan.steps().size());
      out.flush();
    }

    @Override
    public synchronized void step(StepResult result) {
      out.println(Text.result(result, clock.get()));
      out.flush();
    }

    @Override
    public void done() {}
  }
}
