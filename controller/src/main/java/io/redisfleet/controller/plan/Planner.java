package io.redisfleet.controller.plan;

import io.redisfleet.controller.model.ClusterSpec;
import io.redisfleet.controller.model.HostObservation;
import io.redisfleet.controller.model.Inventory;
import io.redisfleet.controller.model.Observation;
import io.redisfleet.controller.model.NodeDecl;
import io.redisfleet.controller.model.NodeRef;
import io.redisfleet.controller.model.ReplicationGroup;
import io.redisfleet.controller.plan.safety.PlanInvariants;
import io.redisfleet.controller.plan.safety.Violation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The pure heart of the controller: inventory + observed state -> ordered steps. No I/O here
 * (the build's import control enforces it), so {@code plan} prints exactly what {@code apply}
 * runs, and every case is unit-testable on hand-made observations.
 *
 * <p>Order: the first phases of any password change (see {@link PasswordRotation}), then every node's conf and process (so nodes exist and answer), then each
 * cluster's formation, then each replication group's links (or the handover of its master, see
 * {@link MasterMove}), then the removal of nodes no inventory declares any more ({@link OrphanPlanner},
 * {@link LeftoverNodes}), then, for a cluster nothing else touches, the master spread failovers
 * eroded ({@link SpreadPlanner}). Last, the whole plan passes the safety invariants ({@link PlanInvariants})
 * or is cut before the first step that breaks one.
 */
public final class Planner {

  private Planner() {}

  public static Plan apply(Inventory inventory, Observation observation) {
    return apply(inventory, observation, PlanOptions.DEFAULT);
  }

  public static Plan apply(Inventory inventory, Observation observation, PlanOptions options) {
    PlanBuilder out = new PlanBuilder();
    observation.hosts().values().stream()
        .filter(HostObservation.Unreachable.class::isInstance)
        .map(HostObservation.Unreachable.class::cast)
        .sorted((a, b) -> a.host().compareTo(b.host()))
        .forEach(u -> {
          out.problem(Problem.Scope.host(u.host()), Problem.Code.HOST_UNREACHABLE, "unreachable: " + u.error());
          out.unreachable(u.host());
        });
    ServerChecks.warnUnreadDirectives(observation, out);
    Map<String, MasterMove> moves = new HashMap<>();
    Set<NodeRef> held = new HashSet<>();
    for (ReplicationGroup group : inventory.replication()) {
      List<NodeRef> members = Stream.concat(Stream.of(group.master()), group.replicas().stream()).map(NodeDecl::ref).toList();
      if (members.stream().allMatch(m -> observation.hostReachable(m.host()))) {
        MasterMove.find(group, inventory, observation, options).ifPresent(m -> {
          moves.put(group.name(), m);
          held.addAll(members);
        });
      }
    }
    PasswordRotation.plan(inventory, observation, out);
    NodePlanner.plan(inventory, observation, held, options, out);
    for (ClusterSpec cluster : inventory.clusters()) {
      ClusterPlanner.plan(cluster, inventory, observation, options, out);
    }
    for (ReplicationGroup group : inventory.replication()) {
      GroupPlanner.plan(group, inventory, observation, Optional.ofNullable(moves.get(group.name())), options, out);
    }
    OrphanPlanner.plan(inventory, observation, options, out);
    LeftoverNodes.plan(inventory, observation, out);
    SpreadPlanner.plan(inventory, observation, out); // last: only clusters the rest leaves alone
    return guarded(out.build(), observation, options);
  }

  /**
   * The plan up to its first step that would break an invariant (see {@link PlanInvariants}); that
   * step and everything after it are dropped and the refusal is a problem naming the invariant,
   * the node and the step. Dropping the tail, not only the step, keeps later steps that relied
   * on it (a removal after a forget) from running on their own.
   */
  static Plan guarded(Plan plan, Observation observation, PlanOptions options) {
    Optional<Violation> violation = PlanInvariants.firstViolation(plan.steps(), observation, options.force());
    if (violation.isEmpty()) {
      return plan;
    }
    int at = plan.steps().indexOf(violation.get().step());
    List<Problem> problems = new ArrayList<>(plan.problems());
    problems.add(new Problem(Problem.Scope.SAFETY, Problem.Code.SAFETY_VIOLATION, violation.get().message() + "; it and the " + (plan.steps().size() - at - 1)
        + " step(s) after it are not run"));
    return plan.prefix(at, problems);
  }

  public static Plan destroy(Inventory inventory, Observation observation, boolean force) {
    return DestroyPlanner.plan(inventory, observation, force);
  }
}
