package io.redisfleet.controller.plan;

import io.redisfleet.controller.model.ClusterNodeView;
import io.redisfleet.controller.model.ClusterSpec;
import io.redisfleet.controller.model.HostObservation;
import io.redisfleet.controller.model.Inventory;
import io.redisfleet.controller.model.NodeRef;
import io.redisfleet.controller.model.ObservedNode;
import io.redisfleet.controller.model.Observation;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Ids a cluster's live members still list that no node will ever answer to again: a node replaced
 * empty (disk swapped: a new id at the same address) leaves its old id behind on every peer as
 * {@code fail} or {@code noaddr}, for good, since Redis never drops an entry by itself. One is
 * stale when it owns no slot in any view, is not the id of any node an agent observed, and either
 * has no address ({@code noaddr}: its address answered with another id), or its address answers
 * now as another id, or it is {@code fail} with no inventory node behind its address (no
 * inventory host there, or the host's agent answered and runs no such port), or its address is a
 * host declared gone ({@code state = gone}; see {@link GoneShards}). A failed master that
 * still owns slots is never stale: its slots must move first (Redis fails it over to a replica;
 * then it owns none). A line at the address of a host that did not answer is never stale: who is
 * there is unknown.
 */
public final class StaleNodes {

  /**
   * One stale id.
   *
   * @param address host:port as the line says (":0" for noaddr)
   * @param why what makes it stale, for the plan and status
   * @param knownBy the live members that list it (each forgets it)
   */
  record Stale(String id, String address, String why, List<NodeRef> knownBy) {}

  private StaleNodes() {}

  /**
   * For status: each live member of each cluster with the stale ids it lists, as
   * "stale peer 1a2b3c4d… (why)".
   */
  public static Map<NodeRef, List<String>> byMember(Inventory inventory, Observation observation) {
    Map<NodeRef, List<String>> out = new LinkedHashMap<>();
    for (ClusterSpec spec : inventory.clusters()) {
      for (Stale s : of(new ClusterMembers(spec, inventory, observation), inventory, observation)) {
        s.knownBy().forEach(ref -> out.computeIfAbsent(ref, k -> new ArrayList<>())
            .add("stale peer " + s.id().substring(0, Math.min(8, s.id().length())) + "… (" + s.why() + ")"));
      }
    }
    return out;
  }

  static List<Stale> of(ClusterMembers members, Inventory inventory, Observation observation) {
    Set<String> observedIds = observedIds(observation);
    members.absent().forEach(r -> members.absentSeen(r).ifPresent(l -> observedIds.add(l.id())));
    Set<String> ownsSlots = new HashSet<>();
    Map<String, ClusterNodeView> lines = new LinkedHashMap<>();
    Map<String, List<NodeRef>> knownBy = new LinkedHashMap<>();
    for (NodeRef ref : members.live().keySet()) {
      for (ClusterNodeView line : members.view(ref).nodes()) {
        if (!line.slots().isEmpty()) {
          ownsSlots.add(line.id());
        }
        if (line.flags().contains("myself") || line.handshake() || observedIds.contains(line.id())) {
          continue;
        }
        lines.putIfAbsent(line.id(), line);
        knownBy.computeIfAbsent(line.id(), k -> new ArrayList<>()).add(ref);
      }
    }
    List<Stale> out = new ArrayList<>();
    lines.forEach((id, line) -> {
      if (ownsSlots.contains(id)) {
        return;
      }
      String why = why(line, inventory, observation);
      if (why != null) {
        out.add(new Stale(id, line.host() + ":" + line.port(), why, knownBy.get(id)));
      }
    });
    return out;
  }

  /** Every cluster id an agent reported for one of its nodes (declared or not). */
  private static Set<String> observedIds(Observation observation) {
    Set<String> ids = new HashSet<>();
    observation.hosts().values().stream()
        .filter(HostObservation.Reachable.class::isInstance)
        .map(HostObservation.Reachable.class::cast)
        .flatMap(r -> r.nodes().values().stream())
        .filter(n -> n.running() && n.reachable())
        .forEach(n -> n.cluster().ifPresent(c -> ids.add(c.myId())));
    return ids;
  }

  private static String why(ClusterNodeView line, Inventory inventory, Observation observation) {
    if (line.flags().contains("noaddr")) {
      return "no address (noaddr): its address answered with another id";
    }
    java.util.Optional<String> gone = GoneShards.goneHost(inventory, line.host());
    if (gone.isPresent()) {
      return "on host " + gone.get() + ", declared gone";
    }
    List<String> hosts = inventory.hosts().values().stream()
        .filter(h -> h.address().equals(line.host())).map(h -> h.name()).toList();
    for (String host : hosts) {
      ObservedNode there = observation.node(new NodeRef(host, line.port())).orElse(null);
      if (there != null && there.running() && there.reachable() && there.cluster().isPresent()) {
        return "its address " + line.host() + ":" + line.port() + " answers now as "
            + there.cluster().get().myId().substring(0, Math.min(8, there.cluster().get().myId().length())) + "…";
      }
    }
    if (!line.flags().contains("fail")) {
      return null;
    }
    boolean unknownThere = hosts.stream().anyMatch(h -> !observation.hostReachable(h)
        || observation.hosts().get(h) instanceof HostObservation.Reachable r && r.managedPorts().contains(line.port())
        || inventory.desiredNodes().stream().anyMatch(d -> d.ref().equals(new NodeRef(h, line.port()))));
    return unknownThere ? null : "failed, and no inventory node is behind " + line.host() + ":" + line.port();
  }
}
