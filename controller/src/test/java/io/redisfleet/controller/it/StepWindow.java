package io.redisfleet.controller.it;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * When a failover or a restart of an apply ran (System.nanoTime), from its plain progress lines
 * ({@link TimedLines}): a line is printed as its step ends and says how long the step took. A
 * restart is one step. A failover is its CLUSTER FAILOVER step through the wait until the roles
 * swapped: the command only starts the failover and returns, the failover happens in the wait.
 */
record StepWindow(String what, long start, long end) {

  private static final String PREFIX = "^\\S+ \\S+ \\S+\\s+"; // time, host, status
  private static final Pattern TOOK = Pattern.compile("\\((\\d+) ms\\)$");
  private static final Pattern RESTART = Pattern.compile(PREFIX + "(restart \\S+) \\(");
  private static final Pattern FAILOVER =
      Pattern.compile(PREFIX + "cluster \\S+: (fail \\S+ over to its replica \\S+) \\(");
  private static final Pattern WAIT_FAILOVER = Pattern.compile(PREFIX + "cluster \\S+: wait until \\S+ is master and ");

  long millis() {
    return (end - start) / 1_000_000;
  }

  static List<StepWindow> restarts(List<TimedLines.Line> lines) {
    List<StepWindow> out = new ArrayList<>();
    for (TimedLines.Line line : lines) {
      Matcher m = RESTART.matcher(line.text());
      if (m.find()) {
        out.add(new StepWindow(m.group(1), started(line), line.at()));
      }
    }
    return out;
  }

  static List<StepWindow> failovers(List<TimedLines.Line> lines) {
    List<StepWindow> out = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      Matcher m = FAILOVER.matcher(lines.get(i).text());
      if (!m.find()) {
        continue;
      }
      int wait = i + 1;
      while (wait < lines.size() && !WAIT_FAILOVER.matcher(lines.get(wait).text()).find()) {
        wait++;
      }
      if (wait == lines.size()) {
        throw new AssertionError("no wait-failover line after: " + lines.get(i).text());
      }
      out.add(new StepWindow(m.group(1), started(lines.get(i)), lines.get(wait).at()));
    }
    return out;
  }

  /** The step's start: its line's time less what it took (whole ms, so never before the real start). */
  private static long started(TimedLines.Line line) {
    Matcher took = TOOK.matcher(line.text());
    if (!took.find()) {
      throw new AssertionError("progress line without its duration: " + line.text());
    }
    return line.at() - Long.parseLong(took.group(1)) * 1_000_000;
  }
}
