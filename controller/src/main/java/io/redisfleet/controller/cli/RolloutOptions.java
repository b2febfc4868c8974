package io.redisfleet.controller.cli;

import io.redisfleet.controller.model.Inventory;
import io.redisfleet.controller.plan.Rollout;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** --batch, --max-fail and --limit, parsed into a {@link Rollout}. */
public final class RolloutOptions {

  @Spec(Spec.Target.MIXEE)
  CommandSpec spec;

  @Option(names = "--batch", paramLabel = "N|P%", description = "change at most N hosts (or P%% of them) at a"
      + " time within each group of steps; disruptive steps never take two members of a shard together"
      + " (default: all hosts)")
  String batch;

  @Option(names = "--max-fail", paramLabel = "N|P%", description = "stop the rollout once more than N hosts"
      + " (or P%% of them) failed or did not answer; the rest is reported as not attempted (default: no"
      + " limit, a failed host's own steps are skipped and the others go on)")
  String maxFail;

  @Option(names = "--limit", paramLabel = "HOST", split = ",", description = "change only these hosts; the"
      + " others are observed, not changed (steps involving them are not attempted)")
  List<String> limit = new ArrayList<>();

  Rollout toRollout(Inventory inventory) {
    Set<String> unknown = new TreeSet<>(limit);
    unknown.removeAll(inventory.hosts().keySet());
    if (!unknown.isEmpty()) {
      throw new ParameterException(spec.commandLine(), "--limit: unknown host(s) " + unknown
          + "; the inventory has " + new TreeSet<>(inventory.hosts().keySet()));
    }
    return new Rollout(size("--batch", batch), size("--max-fail", maxFail), Set.copyOf(limit));
  }

  private Rollout.Size size(String option, String text) {
    if (text == null) {
      return Rollout.Size.all();
    }
    try {
      Rollout.Size s = Rollout.Size.parse(text);
      if (option.equals("--batch") && s.value() == 0) {
        throw new IllegalArgumentException("'" + text + "' must be at least 1 host");
      }
      return s;
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), option + ": " + e.getMessage());
    }
  }
}
