package io.redisfleet.controller.report;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.redisfleet.controller.exec.StepResult;
import io.redisfleet.controller.plan.Plan;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProgressTest {

  private static final PrintWriter SINK = new PrintWriter(new StringWriter());

  @Test
  void plainOffATerminalLiveOnOne() {
    assertInstanceOf(Progress.PlainProgress.class, Progress.choose("auto", SINK, Map.of(), false));
    assertInstanceOf(Progress.PlainProgress.class, Progress.choose("auto", SINK, Map.of("TERM", "dumb"), true));
    assertInstanceOf(LiveProgress.class, Progress.choose("auto", SINK, Map.of("TERM", "xterm"), true));
    assertInstanceOf(Progress.PlainProgress.class, Progress.choose("plain", SINK, Map.of(), true));
    assertInstanceOf(LiveProgress.class, Progress.choose("live", SINK, Map.of(), false));
  }

  private static String live(Map<String, String> env) {
    StringWriter out = new StringWriter();
    Progress p = Progress.choose("live", new PrintWriter(out), env, true);
    List<StepResult> results = Samples.results();
    p.plan("1a2b3c4d", new Plan(results.stream().map(StepResult::step).toList(), List.of(), List.of()));
    results.forEach(p::step);
    p.done();
    return out.toString();
  }

  @Test
  void liveViewRedrawsPerHostAndRespectsNoColor() {
    String colored = live(Map.of("TERM", "xterm"));
    assertTrue(colored.contains("\u001b[33mchanged\u001b[0m"), colored);
    assertTrue(colored.contains("\u001b[2A"), "cursor moves up over the two host lines");
    assertTrue(colored.contains("h1               [1/1]"), colored);
    String plain = live(Map.of("TERM", "xterm", "NO_COLOR", "1"));
    assertFalse(plain.contains("\u001b[3"), "no colour codes with NO_COLOR");
    assertTrue(plain.contains("FAILED apply-node h2:6381"), plain);
  }
}
