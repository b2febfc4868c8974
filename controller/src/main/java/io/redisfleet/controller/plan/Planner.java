package io.redisfleet.controller.plan;

import io.redisfleet.controller.model.ClusterSpec;
import io.redisfleet.controller.model.HostObservation;
import io.redisfleet.controller.model.Inventory;
import io.redisfleet.controller.model.Observation;
import io.redisfleet.controller.model.ReplicationGroup;

/**
 * The pure heart of the controller: inventory + observed state -> ordered steps. No I/O here
 * (the build's import control enforces it), so {@code plan} prints exactly what {@code apply}
 * runs, and every case is unit-testable on hand-made observations.
 *
 * <p>Order: the first phases of any password change (see {@link PasswordRotation}), then every node's conf and process (so nodes exist and answer), then each
 * cluster's formation, then each replication group's links.
 */
public final class Planner {

  private Planner() {}

  public static Plan apply(Inventory inventory, Observation observation) {
    PlanBuilder out = new PlanBuilder();
    observation.hosts().values().stream()
        .filter(HostObservation.Unreachable.class::isInstance)
        .map(HostObservation.Unreachable.class::cast)
        .sorted((a, b) -> a.host().compareTo(b.host()))
        .forEach(u -> out.problem("host " + u.host(), "unreachable: " + u.error()));
    PasswordRotation.plan(inventory, observation, out);
    NodePlanner.plan(inventory, observation, out);
    for (ClusterSpec cluster : inventory.clusters()) {
      ClusterPlanner.plan(cluster, inventory, observation, out);
    }
    for (ReplicationGroup group : inventory.replication()) {
      GroupPlanner.plan(group, inventory, observation, out);
    }
    return out.build();
  }

  public static Plan destroy(Inventory inventory, Observation observation, boolean force) {
    return DestroyPlanner.plan(inventory, observation, force);
  }
}
