package io.redisfleet.controller.cli;

import io.redisfleet.controller.app.Session;
import io.redisfleet.controller.exec.Reconciler;
import io.redisfleet.controller.model.DesiredNode;
import io.redisfleet.controller.model.NodeRef;
import io.redisfleet.controller.model.Observation;
import io.redisfleet.controller.plan.Plan;
import io.redisfleet.controller.plan.PlanOptions;
import io.redisfleet.controller.plan.Rollout;
import io.redisfleet.controller.report.Json;
import io.redisfleet.controller.report.Progress;
import io.redisfleet.controller.report.Recap;
import io.redisfleet.controller.report.Text;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * An operator's rolling restart: every declared running node (of the --limit hosts) is restarted
 * once, by the same plan as a restart-needing change (replicas first, a cluster master failed
 * over to an in-sync replica first, one node at a time, each waited for). Each node is named with
 * the run_id of the process to replace, so a node already restarted is not restarted again when
 * the apply loop observes and plans once more, or when the command is run again after a failure.
 * --limit chooses which nodes restart, not which hosts the roll may touch: a master's failover to
 * its replica on another host, and the waits for the cluster, are part of its safe restart. So
 * that nothing but restarts happens, a fleet with pending changes is refused (apply first).
 */
@Command(name = "restart", mixinStandardHelpOptions = true,
    description = "Restart the inventory's nodes one at a time (failover first, replicas first), e.g. onto an"
        + " upgraded redis-server. Holds the fleet lock while it runs.",
    footer = {"", "Examples:",
        "  controller restart fleet.conf --rolling",
        "  # only the nodes of h1 and h2 (a master there may first be failed over",
        "  # to its replica on another host: part of its safe restart)",
        "  controller restart fleet.conf --rolling --limit h1,h2",
        "", "A fleet with pending changes is refused: run apply first.",
        "", "Exit: 0 every node restarted and the fleet converged, 1 failed, refused or locked."})
final class RestartCommand extends LockedCommand {

  @Option(names = "--rolling", required = true,
      description = "one node at a time, each back in service before the next (the only mode)")
  boolean rolling;

  @Option(names = "--json", description = "print one JSON object (docs/json.md) instead of progress lines")
  boolean json;

  @Mixin
  RolloutOptions rolloutOptions;

  @Override
  int run(Session session) throws InterruptedException {
    Rollout asked = rolloutOptions.toRollout(session.inventory());
    Plan pending = session.plan();
    if (!pending.steps().isEmpty() || !pending.problems().isEmpty()) {
      String why = "restart: refused, the fleet is not converged (" + pending.steps().size() + " pending step(s), "
          + pending.problems().size() + " problem(s)); run controller plan and apply first; nothing was restarted";
      return refuse(why);
    }
    Rollout rollout = new Rollout(asked.batch(), asked.maxFail(), java.util.Set.of());
    Observation now = session.observe(false);
    Map<NodeRef, String> restart = new HashMap<>();
    for (DesiredNode d : session.inventory().desiredNodes()) {
      boolean inScope = asked.inLimit(d.ref().host());
      now.node(d.ref()).filter(n -> inScope && n.running() && n.reachable() && !n.runId().isEmpty())
          .ifPresent(n -> restart.put(d.ref(), n.runId()));
    }
    Progress view = json ? Progress.silent() : Progress.choose("auto", out(), System.getenv(), System.console() != null);
    Reconciler.Outcome outcome = session.apply(rollout, new PlanOptions(false, restart),
        plan -> view.plan(session.runId(), plan), view::step);
    view.done();
    Recap recap = Recap.of(session.inventory(), outcome.results(), outcome.lastObservation());
    boolean converged = !outcome.failed();
    out().print(json ? Json.apply(session.runId(), recap, outcome.results(), outcome.problems(), converged,
        Optional.empty()) + "\n" : Text.recap(recap, outcome.results(), outcome.problems()));
    return converged ? ExitCodes.OK : ExitCodes.FAILED;
  }
}
