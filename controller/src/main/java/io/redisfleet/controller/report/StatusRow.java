package io.redisfleet.controller.report;

import io.redisfleet.controller.model.ClusterState;
import io.redisfleet.controller.model.DesiredNode;
import io.redisfleet.controller.model.Inventory;
import io.redisfleet.controller.model.ObservedNode;
import io.redisfleet.controller.model.Observation;
import io.redisfleet.controller.plan.Orphans;
import io.redisfleet.controller.plan.StaleNodes;
import java.util.List;
import java.util.Optional;

/**
 * One row of {@code controller status}: a declared node as it is now.
 *
 * @param health "ok" or what is wrong ("down", "unreachable host", "cluster fail", "link down",
 *     "orphan: not in the inventory", "persistence error (rdb_last_bgsave_status:err): writes refused
 *     (MISCONF)", "out of memory …"), several joined by "; "
 * @param orphan a node an agent of the inventory runs that the inventory does not declare
 * @param persistenceErrors the INFO persistence fields that say err ("rdb_last_bgsave_status:err")
 * @param refusesWrites the error writes get now: MISCONF or OOM
 * @param maxMemory the node's maxmemory in bytes, 0 for none
 */
public record StatusRow(
    String host, int port, String role, Optional<String> master, int slots, long keys,
    long usedMemory, Optional<String> clusterState, Optional<String> linkStatus, String health, boolean orphan,
    List<String> persistenceErrors, Optional<String> refusesWrites, long maxMemory) {

  static final String ORPHAN = "orphan: not in the inventory";

  private StatusRow(String host, int port, String role, String health) {
    this(host, port, role, Optional.empty(), 0, 0, 0, Optional.empty(), Optional.empty(), health, false, List.of(),
        Optional.empty(), 0);
  }

  public boolean healthy() {
    return "ok".equals(health);
  }

  public static List<StatusRow> of(Inventory inventory, Observation observation) {
    java.util.Map<io.redisfleet.controller.model.NodeRef, List<String>> stale = StaleNodes.byMember(inventory, observation);
    List<StatusRow> rows = new java.util.ArrayList<>(inventory.desiredNodes().stream()
        .map(d -> row(inventory, d, observation, stale.getOrDefault(d.ref(), List.of()))).toList());
    Orphans.of(inventory, observation).forEach(n -> rows.add(orphan(inventory, n)));
    return rows;
  }

  /** A node the inventory does not declare, as it is now; never healthy: apply would take it out. */
  private static StatusRow orphan(Inventory inventory, ObservedNode n) {
    boolean up = n.running() && n.reachable();
    int slots = n.cluster().flatMap(ClusterState::myself).map(m -> m.slotCount()).orElse(0);
    return new StatusRow(n.ref().host(), n.ref().port(), !up ? "down" : n.isReplica() ? "replica" : "master",
        MasterName.of(inventory, n.master()), slots, n.keys(), n.usedMemory(), n.cluster().map(ClusterState::state),
        n.isReplica() ? Optional.of(n.linkUp() ? "up" : "down") : Optional.empty(), ORPHAN, true,
        n.writes().persistenceErrors(), n.writes().refusesWrites(), n.writes().maxmemory());
  }

  private static StatusRow row(Inventory inventory, DesiredNode desired, Observation observation,
      List<String> stalePeers) {
    String host = desired.ref().host();
    int port = desired.ref().port();
    if (!observation.hostReachable(host)) {
      return new StatusRow(host, port, "unknown", "host unreachable");
    }
    Optional<ObservedNode> node = observation.node(desired.ref()).filter(n -> n.running() && n.reachable());
    if (node.isEmpty()) {
      return new StatusRow(host, port, "down", "down");
    }
    ObservedNode n = node.get();
    int slots = n.cluster().flatMap(ClusterState::myself).map(m -> m.slotCount()).orElse(0);
    Optional<String> state = n.cluster().map(ClusterState::state);
    Optional<String> link = n.isReplica() ? Optional.of(n.linkUp() ? "up" : "down") : Optional.empty();
    String topology = desired.clusterEnabled() && state.isEmpty() ? "not in cluster mode"
        : state.isPresent() && !"ok".equals(state.get()) ? "cluster " + state.get()
        : link.isPresent() && !"up".equals(link.get()) ? "link down"
        : "";
    List<String> problems = new java.util.ArrayList<>();
    if (!topology.isEmpty()) {
      problems.add(topology);
    }
    problems.addAll(n.writes().problems());
    if (n.fenced()) {
      problems.add("writes fenced (NOREPLICAS) by a master handover left unfinished: apply finishes it");
    }
    problems.addAll(stalePeers); // apply forgets them (plan: forget-stale)
    String health = problems.isEmpty() ? "ok" : String.join("; ", problems);
    return new StatusRow(host, port, n.isReplica() ? "replica" : "master", MasterName.of(inventory, n.master()),
        slots, n.keys(),
        n.usedMemory(), state, link, health, false, n.writes().persistenceErrors(),
        n.writes().refusesWrites().or(() -> n.fenced() ? Optional.of("NOREPLICAS") : Optional.empty()),
        n.writes().maxmemory());
  }
}
