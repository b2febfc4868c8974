package io.redisfleet.controller.crash;

import io.redisfleet.controller.it.Cli;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisClientConfig;

/**
 * Walks a {@link Scenario}: for each crashed operation, takes its crash points one cell at a
 * time (the plan is read again in each cell's start state), kills the controller there under
 * the acknowledged-write writer, recovers with at most two applies and checks the fleet.
 */
final class CrashRunner {

  private static final int MAX_CELLS = 400;

  private final CrashHosts hosts;
  private final CrashTable table;
  private final CrashSizes sizes;
  private final Transitions transitions;
  private final boolean watch;
  private final java.util.function.UnaryOperator<List<KillPoint>> pick;
  private final boolean laterRounds;
  /** Crash points in the apply's later rounds (re-planned after round 1), per operation, once known. */
  private final Map<String, List<KillPoint>> later = new HashMap<>();
  private List<String> recoverySteps = List.of();

  CrashRunner(CrashHosts hosts, CrashTable table, CrashSizes sizes) {
    this(hosts, table, sizes, false, points -> points);
  }

  /**
   * Also kills after every step of the apply's later rounds: steps the first plan cannot show,
   * e.g. forget-stale of a replaced node's old id, planned once the node answers with its new
   * id. They are counted from the uncrashed apply that recovers the cell killed at the start.
   */
  static CrashRunner withLaterRounds(CrashHosts hosts, CrashTable table, CrashSizes sizes) {
    return new CrashRunner(hosts, table, sizes, false, points -> points, true);
  }

  CrashRunner(CrashHosts hosts, CrashTable table, CrashSizes sizes, boolean watch,
      java.util.function.UnaryOperator<List<KillPoint>> pick) {
    this(hosts, table, sizes, watch, pick, false);
  }

  /**
   * With {@code watch}, the crashed controller runs {@code apply --watch}; {@code pick} keeps
   * some of the plan's crash points (a long plan proven elsewhere step by step, crashed here once).
   */
  private CrashRunner(CrashHosts hosts, CrashTable table, CrashSizes sizes, boolean watch,
      java.util.function.UnaryOperator<List<KillPoint>> pick, boolean laterRounds) {
    this.laterRounds = laterRounds;
    this.hosts = hosts;
    this.table = table;
    this.sizes = sizes;
    this.transitions = new Transitions(hosts);
    this.watch = watch;
    this.pick = pick;
  }

  void run(Scenario scenario) throws Exception {
    Map<String, Integer> taken = new HashMap<>();
    Set<String> exhausted = new HashSet<>();
    for (int i = 0; i < MAX_CELLS && exhausted.size() < scenario.crashed().size(); i++) {
      Shape from = scenario.shape(i);
      Shape to = scenario.shape(i + 1);
      Optional<String> op = scenario.operation(i);
      if (op.isEmpty() || exhausted.contains(op.get())) {
        List<String> failures = transitions.move(from, to);
        if (!failures.isEmpty()) {
          table.add(new CrashTable.Cell(op.orElse("(transition)"), "uncrashed", false, "FAILED: " + failures));
          transitions.reset(to);
        }
        continue;
      }
      hosts.write(to);
      if (scenario.disturbance().isPresent()) {
        scenario.disturbance().get().apply(hosts, from);
      }
      List<CrashPoints.Planned> planned = CrashPoints.plan(hosts.inventory);
      List<KillPoint> points = new ArrayList<>(pick.apply(CrashPoints.of(planned, sizes.full(), this::nodeIndex)));
      points.addAll(later.getOrDefault(op.get(), List.of()));
      int k = taken.merge(op.get(), 1, Integer::sum) - 1;
      if (k >= points.size()) {
        exhausted.add(op.get());
        i--; // the same transition again, now uncrashed
        continue;
      }
      hosts.write(from);
      boolean passed = cell(i, op.get(), from, to, points.get(k));
      if (laterRounds && k == 0 && recoverySteps.size() > planned.size()) {
        List<KillPoint> more = new ArrayList<>();
        for (int done = planned.size(); done < recoverySteps.size(); done++) {
          more.add(new KillPoint.AfterSteps(done, recoverySteps.size(), stepName(recoverySteps.get(done - 1))));
        }
        later.put(op.get(), more);
      }
      if (!passed) {
        transitions.reset(to);
      }
    }
  }

  private boolean cell(int i, String op, Shape from, Shape to, KillPoint point) throws Exception {
    long started = System.nanoTime();
    Access before = Access.of(hosts, from);
    Access after = Access.of(hosts, to);
    Map<String, String> expected = new HashMap<>(from.isEmpty() ? Map.of() : Keys.preload(from, before, "c" + i, sizes.keys()));
    hosts.write(to);
    ControllerProcess.Run crashed;
    List<String> applies = new ArrayList<>();
    AckWriter writer = new AckWriter("c" + i, target(from, to, before, after));
    try (OpenSlotPoller poller = new OpenSlotPoller(before)) {
      crashed = ControllerProcess.applyAndKill(hosts.inventory, point, poller, watch);
      for (int n = 0; n < 2 && (applies.isEmpty() || !applies.get(applies.size() - 1).equals("0")); n++) {
        // the operator after a crash: the dead run's lease is broken; preflight changes nothing, skipped
        Cli recovery = Cli.run("apply", hosts.inventory.toString(), "--yes", "--break-lock", "--skip-preflight",
            "--progress", "plain");
        applies.add(String.valueOf(recovery.exit()));
        if (n == 0) {
          recoverySteps = recovery.out().lines().filter(l -> ControllerProcess.STEP_LINE.matcher(l).matches()).toList();
        }
        if (recovery.exit() != 0) {
          System.out.println("crash cell " + op + " " + point.label() + ": recovery apply " + (n + 1) + " " + recovery);
        }
      }
    } finally {
      writer.close();
    }
    expected.putAll(writer.acknowledged());
    List<String> problems = new ArrayList<>();
    if (!applies.get(applies.size() - 1).equals("0")) {
      problems.add("recovery applies exited " + applies);
    }
    Cli plan = Cli.run("plan", hosts.inventory.toString());
    if (plan.exit() != 0) {
      problems.add("plan after recovery still has changes (exit " + plan.exit() + "): " + plan.out().strip());
    }
    problems.addAll(Keys.lost(to, after, expected));
    problems.addAll(FleetCheck.problems(hosts, to, after));
    // a kill that did not land where planned is said in the cell, not hidden
    String how = !crashed.killed() || crashed.note().startsWith("MISSED") ? " [" + crashed.note() + "]" : "";
    double seconds = (System.nanoTime() - started) / 1e9;
    boolean passed = problems.isEmpty();
    String outcome = passed
        ? String.format("converged in %d apply(s); %d acked keys read back (%.1f s)%s", applies.size(), expected.size(), seconds, how)
        : "FAILED: " + String.join("; ", problems) + how;
    if (!passed) {
      System.out.println("crash cell " + op + " " + point.label() + " killed controller output:\n" + crashed.output());
    }
    table.add(new CrashTable.Cell(op, point.label(), passed, outcome));
    return passed;
  }

  private AckWriter.Target target(Shape from, Shape to, Access before, Access after) {
    Shape writes = to.isEmpty() ? from : to;
    Set<Integer> nodes = new LinkedHashSet<>(writes.clusterNodes().isEmpty() ? writes.group() : writes.clusterNodes());
    nodes.addAll(from.clusterNodes().isEmpty() ? from.group() : from.clusterNodes());
    int any = nodes.iterator().next();
    List<JedisClientConfig> logins = List.of(after.config(any), before.config(any));
    if (!writes.clusterNodes().isEmpty()) {
      Set<HostAndPort> seeds = new HashSet<>();
      nodes.forEach(n -> seeds.add(after.endpoint(n)));
      return new AckWriter.Target.Cluster(seeds, logins);
    }
    return new AckWriter.Target.Group(nodes.stream().map(after::endpoint).toList(), logins);
  }

  /** What a plain step line did ("cluster main: a:7000 forgets stale id 1a2b…"), short, for the table. */
  private static String stepName(String line) {
    String[] words = line.trim().split("\\s+", 4);
    String what = words.length == 4 ? words[3] : line;
    what = what.contains(" — ") ? what.substring(0, what.indexOf(" — ")) : what;
    return what.length() > 44 ? what.substring(0, 44) + "…" : what;
  }

  private int nodeIndex(String node) {
    return hosts.ports.indexOf(Integer.parseInt(node.substring(node.indexOf(':') + 1)));
  }
}
