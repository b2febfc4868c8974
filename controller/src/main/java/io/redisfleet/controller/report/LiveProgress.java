package io.redisfleet.controller.report;

import io.redisfleet.controller.exec.StepResult;
import io.redisfleet.controller.plan.Plan;
import java.io.PrintWriter;
import java.util.Map;
import java.util.TreeMap;

/**
 * The terminal view: one line per host ({@code h1  [4/6] changed  apply h1:7000 ...}) redrawn in
 * place with ANSI cursor moves as steps finish; failures are printed above the block so they stay
 * on screen. Colour only when NO_COLOR is unset.
 */
final class LiveProgress implements Progress {

  private static final String UP = "\u001b[%dA";
  private static final String CLEAR = "\u001b[2K\r";

  private final PrintWriter out;
  private final boolean color;
  private final Map<String, int[]> counts = new TreeMap<>(); // host -> {done, total}
  private final Map<String, String> last = new TreeMap<>();
  private int drawn;

  LiveProgress(PrintWriter out, boolean color) {
    this.out = out;
    this.color = color;
  }

  @Override
  public synchronized void plan(String runId, Plan plan) {
    erase();
    out.println("run " + runId + ": " + plan.steps().size() + " step(s)");
    counts.clear();
    plan.steps().forEach(s -> counts.computeIfAbsent(s.node().host(), h -> new int[2])[1]++);
    counts.keySet().forEach(h -> last.putIfAbsent(h, "waiting"));
    draw();
  }

  @Override
  public synchronized void step(StepResult r) {
    String host = r.step().node().host();
    counts.computeIfAbsent(host, h -> new int[2])[0]++;
    last.put(host, paint(Text.status(r), r) + " " + r.step().describe());
    erase();
    if (r instanceof StepResult.Failed f) {
      out.println(paint("FAILED", r) + " " + f.message());
    }
    draw();
  }

  @Override
  public synchronized void done() {
    drawn = 0; // leave the final block on screen
    out.flush();
  }

  private void draw() {
    counts.forEach((host, c) -> out.printf("%-16s [%d/%d] %s%n", host, c[0], c[1], last.get(host)));
    drawn = counts.size();
    out.flush();
  }

  private void erase() {
    if (drawn > 0) {
      out.print(String.format(UP, drawn));
      for (int i = 0; i < drawn; i++) {
        out.print(CLEAR + "\n");
      }
      out.print(String.format(UP, drawn));
    }
  }

  private String paint(String text, StepResult r) {
    if (!color) {
      return text;
    }
    String code = r instanceof StepResult.Failed ? "31" : r instanceof StepResult.Skipped ? "90"
        : ((StepResult.Done) r).changed() ? "33" : "32";
    return "\u001b[" + code + "m" + text + "\u001b[0m";
  }
}
