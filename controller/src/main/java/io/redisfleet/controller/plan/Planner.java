package io.redisfleet.controller.plan;

import io.redisfleet.controller.model.ClusterSpec;
import io.redisfleet.controller.model.HostObservation;
import io.redisfleet.controller.model.Inventory;
import io.redisfleet.controller.model.Observation;
import io.redisfleet.controller.model.NodeDecl;
import io.redisfleet.controller.model.NodeRef;
import io.redisfleet.controller.model.ReplicationGroup;
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
 * {@link MasterMove}), then the removal of nodes no inventory declares any more ({@link OrphanPlanner}).
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
        .forEach(u -> out.problem("host " + u.host(), "unreachable: " + u.error()));
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
    NodePlanner.plan(inventory, observation, held, out);
    for (ClusterSpec cluster : inventory.clusters()) {
      ClusterPlanner.plan(cluster, inventory, observation, out);
    }
    for (ReplicationGroup group : inventory.replication()) {
      GroupPlanner.plan(group, inventory, observation, Optional.ofNullable(moves.get(group.name())), options, out);
    }
    OrphanPlanner.plan(inventory, observation, options, out);
    return out.build();
  }

  public static Plan destroy(Inventory inventory, Observation observation, boolean force) {
    return DestroyPlanner.plan(inventory, observation, force);
  }
}
