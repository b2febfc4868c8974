package io.redisfleet.controller.report;

import io.redisfleet.controller.exec.StepResult;
import io.redisfleet.controller.plan.Problem;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The log lines of {@code apply --watch}, each starting with a UTC timestamp: one per change
 * (host, node, step kind, what), one summary per round that changed something or failed, and the
 * start, stop and heartbeat lines. Meant for a journal: no colour, no live view, no JSON.
 */
public final class WatchLines {

  private WatchLines() {}

  public static String at(String text) {
    return Instant.now().truncatedTo(ChronoUnit.SECONDS) + " " + text;
  }

  public static String started(String inventory, Duration interval, String runId) {
    return at("watching " + inventory + " every " + brief(interval) + " (run " + runId
        + "); SIGTERM or SIGINT stops after the current step");
  }

  public static String stopped(String why, int rounds) {
    return at("stopped" + (why == null ? "" : " by " + why) + " after " + rounds + " round(s); fleet lock released");
  }

  static String brief(Duration d) {
    return d.toMillis() % 1000 != 0 ? d.toMillis() + "ms" : d.toSeconds() + "s";
  }

  /** One round's tally, fed step by step. */
  public static final class Round {
    private final int number;
    private int changed;
    private int failedSteps;
    private boolean failed;
    private final List<String> problems = new ArrayList<>();

    public Round(int number) {
      this.number = number;
    }

    /** The line for a step that changed something or failed; nothing for one that found all in place. */
    public Optional<String> step(StepResult result) {
      if (result instanceof StepResult.Done d && d.changed()) {
        changed++;
        return Optional.of(at(d.step().node().host() + " " + d.step().node() + " changed " + d.step().kind() + ": "
            + d.step().describe()));
      } else if (result instanceof StepResult.Failed f) {
        failedSteps++;
        return Optional.of(at(f.step().node().host() + " " + f.step().node() + " FAILED " + f.step().kind() + ": "
            + f.message()));
      }
      return Optional.empty();
    }

    public void outcome(boolean failed, List<Problem> problems) {
      this.failed = failed;
      problems.forEach(p -> this.problems.add(p.toString()));
    }

    public void failedWith(String why) {
      this.failed = true;
      problems.add(why);
    }

    public int changed() {
      return changed;
    }

    public boolean failed() {
      return failed;
    }

    /** @param pause the backoff before the next round when this one failed */
    public String summary(Duration pause, int failuresInARow) {
      String state = failed ? "not converged" + (problems.isEmpty() ? "" : ": " + String.join("; ", problems))
          : changed == 0 ? "quiet, converged" : "converged";
      String next = failuresInARow > 0 ? "; next round in " + brief(pause) + " (" + failuresInARow
          + " failed round(s) in a row)" : "";
      return at("round " + number + ": " + changed + " changed, " + failedSteps + " failed; " + state + next);
    }
  }
}
