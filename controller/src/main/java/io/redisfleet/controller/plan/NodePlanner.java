package io.redisfleet.controller.plan;

import io.redisfleet.controller.model.ConfDrift;
import io.redisfleet.controller.model.DesiredNode;
import io.redisfleet.controller.model.Inventory;
import io.redisfleet.controller.model.Membership;
import io.redisfleet.controller.model.NodeRef;
import io.redisfleet.controller.model.ObservedNode;
import io.redisfleet.controller.model.Observation;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Node-level steps: every declared node gets its conf and a running process. The agent's dry
 * run (the node's {@link ConfDrift}) says whether anything differs, so a converged node gets no
 * step and is not restarted. Restarts are not run with the rest: see {@link RollingRestarts}.
 * A group replica is started or changed only after its master, once that master is confirmed to
 * be the node redis-fleet runs (a foreign redis-server on its port must never be copied). Nodes
 * of a group whose master is being handed over are held until the next round.
 */
final class NodePlanner {

  private NodePlanner() {}

  static void plan(Inventory inventory, Observation observation, Set<NodeRef> held, PlanOptions options,
      PlanBuilder out) {
    List<Step.ApplyNode> restarts = new ArrayList<>();
    List<Step.ApplyNode> replicas = new ArrayList<>();
    for (DesiredNode desired : inventory.desiredNodes()) {
      if (!observation.hostReachable(desired.ref().host()) || held.contains(desired.ref())) {
        continue; // an unreachable host is reported once by the Planner; held nodes by their group
      }
      Optional<String> refusal = ServerChecks.refusal(desired, observation);
      if (refusal.isPresent()) {
        out.problem(Problem.Scope.node(desired.ref()), Problem.Code.REFUSED, refusal.get());
        continue;
      }
      Optional<ObservedNode> node = observation.node(desired.ref());
      Optional<Reason> reason = node.isEmpty()
          ? Optional.of(Reason.of(Reason.Code.NEW_NODE, "new node"))
          : reasonFor(node.get()).or(() -> restartFor(desired, node.get(), observation, options));
      if (reason.isEmpty()) {
        continue;
      }
      Step.ApplyNode step = new Step.ApplyNode(desired, inventory.replicaOfAddress(desired), reason.get());
      if (!step.restart() && desired.membership() instanceof Membership.GroupReplica) {
        replicas.add(step);
      } else if (!step.restart()) {
        out.step(step);
      } else if (node.get().keys() > 0 && !node.get().isReplica() && !Persistence.keepsData(desired)) {
        out.problem(Problem.Scope.node(desired.ref()), Problem.Code.RESTART_REFUSED, "a restart is needed (" + reason.get() + ") but the node is a master"
            + " holding " + node.get().keys() + " keys with no persistence (appendonly no, save \"\");"
            + " restarting would lose them; not restarted");
      } else if (scopeIncomplete(desired, inventory, observation)) {
        out.defer("node " + desired.ref() + ": restart (" + reason.get() + ") once every host of its "
            + desired.membership().scope() + " answers (a shard must not lose a member while another may be away)");
      } else {
        restarts.add(step);
      }
    }
    replicas.stream().map(s -> (Membership.GroupReplica) s.desired().membership()).distinct()
        .forEach(r -> out.step(new Step.ConfirmMaster(r.group(), r.master(),
            Reason.of(Reason.Code.AWAIT_CONVERGENCE, "its replicas are about to point at it"))));
    replicas.forEach(out::step);
    RollingRestarts.plan(restarts, inventory, observation, out);
  }

  /** Some member of the node's cluster or replication group is on a host that did not answer. */
  private static boolean scopeIncomplete(DesiredNode desired, Inventory inventory, Observation observation) {
    String scope = desired.membership().scope();
    return inventory.desiredNodes().stream().filter(d -> d.membership().scope().equals(scope))
        .anyMatch(d -> !observation.hostReachable(d.ref().host()));
  }

  /**
   * A running node with nothing to change is restarted when its server is older than the
   * installed one, or when the operator asked (the process to replace is still the one running).
   */
  private static Optional<Reason> restartFor(DesiredNode desired, ObservedNode node, Observation observation,
      PlanOptions options) {
    if (!node.running() || !node.reachable()) {
      return Optional.empty();
    }
    Optional<Reason> upgrade = ServerChecks.upgrade(desired, observation);
    if (upgrade.isPresent()) {
      return upgrade;
    }
    String runId = options.restart().get(desired.ref());
    return runId != null && runId.equals(node.runId())
        ? Optional.of(Reason.of(Reason.Code.RESTART_REQUESTED, "rolling restart requested")) : Optional.empty();
  }

  private static Optional<Reason> reasonFor(ObservedNode node) {
    ConfDrift drift = node.drift();
    if (!drift.changed()) {
      return Optional.empty();
    }
    if (!drift.confExists()) {
      return Optional.of(Reason.of(Reason.Code.NEW_NODE, "new node"));
    }
    if (!drift.changedDirectives().isEmpty()) {
      List<String> inConf = drift.changedDirectives().stream().filter(d -> !drift.runningDiffers().contains(d)).toList();
      String what = String.join("; ", java.util.stream.Stream.of(
          inConf.isEmpty() ? "" : "conf changed: " + String.join(", ", inConf),
          drift.runningDiffers().isEmpty() ? "" : "running value differs: " + String.join(", ", drift.runningDiffers()))
          .filter(s -> !s.isEmpty()).toList());
      if (drift.restart()) {
        return Optional.of(Reason.of(Reason.Code.CONF_CHANGED_RESTART, what + " (restart)"));
      }
      return Optional.of(drift.mayRestart()
          ? Reason.of(Reason.Code.TLS_RELOAD, what + " (live; a restart if the new certificates do not reach it)")
          : Reason.of(Reason.Code.CONF_CHANGED_LIVE, what + " (live)"));
    }
    return Optional.of(Reason.of(Reason.Code.NOT_RUNNING, "not running"));
  }
}
