package io.redisfleet.controller.crash;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import io.redisfleet.controller.it.Cli;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.function.ToIntFunction;

/**
 * The crash points of an operation, from its plan ({@code plan --json}, run before the operation):
 * at the start and after each step k = 1..N-1, in CI and in the full size; inside each slot move
 * with the full size (-Dcrash.full=true), inside the first and the last slot move in CI.
 */
final class CrashPoints {

  private CrashPoints() {}

  /** One planned step: its kind and node ("host:port"). */
  record Planned(String kind, String node) {}

  static List<Planned> plan(Path inventory) {
    return plan(inventory, List.of());
  }

  /** As above, with plan options ({@code --force}: the plan apply --force runs). */
  static List<Planned> plan(Path inventory, List<String> options) {
    issueRedisCertificates(inventory);
    List<String> args = new ArrayList<>(List.of("plan", inventory.toString(), "--json"));
    args.addAll(options);
    Cli plan = Cli.run(args.toArray(String[]::new));
    if (plan.exit() != 2) {
      throw new IllegalStateException("plan of " + inventory + " has no changes pending: " + plan);
    }
    List<Planned> steps = new ArrayList<>();
    for (JsonElement s : JsonParser.parseString(plan.out()).getAsJsonObject().getAsJsonArray("steps")) {
      steps.add(new Planned(s.getAsJsonObject().get("kind").getAsString(), s.getAsJsonObject().get("node").getAsString()));
    }
    return steps;
  }

  static List<KillPoint> of(List<Planned> steps, boolean full, ToIntFunction<String> nodeIndex) {
    int n = steps.size();
    TreeSet<Integer> after = new TreeSet<>(List.of(0));
    for (int k = 1; k < n; k++) {
      after.add(k); // after every step, in CI too: a step no cell kills after is a step not proven
    }
    List<KillPoint> points = new ArrayList<>();
    after.forEach(k -> points.add(new KillPoint.AfterSteps(k, n, k == 0 ? "" : steps.get(k - 1).kind())));
    List<Integer> moves = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      if (steps.get(i).kind().equals("migrate-slots")) {
        moves.add(i + 1);
      }
    }
    for (int m = 0; m < moves.size(); m++) {
      if (full || m == 0 || m == moves.size() - 1) {
        int index = moves.get(m);
        points.add(new KillPoint.DuringMove(index, n, nodeIndex.applyAsInt(steps.get(index - 1).node())));
      }
    }
    return points;
  }

  /**
   * plan reads Redis certificates only (key custody: only apply and pki issue redis use ca.key),
   * so a TLS shape gets its node certificates issued first, as an operator would.
   */
  private static void issueRedisCertificates(Path inventory) {
    try {
      if (!java.nio.file.Files.readString(inventory).contains("tls {")) {
        return;
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    Cli issue = Cli.run("pki", "issue", "redis", inventory.toString());
    if (issue.exit() != 0) {
      throw new IllegalStateException("pki issue redis for " + inventory + ": " + issue);
    }
  }
}
