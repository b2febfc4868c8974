package io.redisfleet.controller.plan;

import io.redisfleet.controller.model.ClusterNodeView;
import io.redisfleet.controller.model.HostObservation;
import io.redisfleet.controller.model.Inventory;
import io.redisfleet.controller.model.NodeRef;
import io.redisfleet.controller.model.Observation;
import io.redisfleet.controller.model.SlotRange;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * Scale in: the nodes formed members of a declared cluster know (by id, past the handshake, with
 * an address) that the cluster's inventory no longer lists. Each is matched to the inventory host
 * with its address whose agent manages its port, so that agent can stop it once it is empty.
 */
final class LeavingNodes {

  /**
   * One leaving node, as the first remaining member that knows it sees it.
   *
   * @param ref the inventory host and port whose agent runs it; empty when no agent does
   * @param slots the slots it still serves (none a remaining master claims for itself)
   * @param knownBy the remaining members that still know it (they must forget it)
   */
  record Leaving(String id, String address, Optional<NodeRef> ref, boolean master, boolean failing,
      List<Integer> slots, List<NodeRef> knownBy) {
    String name() {
      return ref.map(NodeRef::toString).orElse(address);
    }
  }

  private LeavingNodes() {}

  /** As {@link #of(ClusterMembers, Inventory, Observation, java.util.Set)} with no stale ids. */
  static List<Leaving> of(ClusterMembers members, Inventory inventory, Observation observation) {
    return of(members, inventory, observation, java.util.Set.of());
  }

  /**
   * The leaving nodes; {@code stale} ids (see {@link StaleNodes}) are not among them: nothing runs
   * them, they are only forgotten.
   */
  static List<Leaving> of(ClusterMembers members, Inventory inventory, Observation observation,
      java.util.Set<String> stale) {
    Map<String, ClusterNodeView> views = new LinkedHashMap<>();
    Map<String, List<NodeRef>> knownBy = new LinkedHashMap<>();
    for (NodeRef ref : members.live().keySet()) {
      if (!members.formed(ref)) {
        continue;
      }
      for (ClusterNodeView peer : members.view(ref).nodes()) {
        if (peer.flags().contains("myself") || peer.handshake() || peer.flags().contains("noaddr")
            || members.refOf(peer).isPresent() || stale.contains(peer.id())) {
          continue;
        }
        views.putIfAbsent(peer.id(), peer);
        knownBy.computeIfAbsent(peer.id(), k -> new ArrayList<>()).add(ref);
      }
    }
    boolean[] claimed = new boolean[SlotRange.SLOTS];
    members.ownSlots().values().forEach(slots -> slots.forEach(s -> claimed[s] = true));
    List<Leaving> out = new ArrayList<>();
    views.forEach((id, peer) -> {
      List<Integer> slots = new ArrayList<>();
      peer.slots().forEach(r -> IntStream.rangeClosed(r.start(), r.end()).filter(s -> !claimed[s]).forEach(slots::add));
      out.add(new Leaving(id, peer.host() + ":" + peer.port(), agentRef(peer, inventory, observation),
          peer.isMaster(), peer.failing(), slots, knownBy.get(id)));
    });
    forgottenButRunning(members, inventory, observation, views.keySet(), claimed).forEach(out::add);
    return out;
  }

  /**
   * Undeclared nodes an inventory agent runs that still count themselves in this cluster (their
   * own view knows a declared member) while no member knows them any more: a scale in killed
   * between its forgets and the node's reset. They leave as any leaving node does; one that
   * still claims slots is refused by {@link ClusterSafety} (a forgotten node's slots cannot be
   * migrated: the cluster no longer knows the source).
   */
  private static List<Leaving> forgottenButRunning(ClusterMembers members, Inventory inventory,
      Observation observation, java.util.Set<String> known, boolean[] claimed) {
    java.util.Set<String> memberIds = new java.util.HashSet<>();
    members.live().keySet().forEach(r -> members.idOf(r).ifPresent(memberIds::add));
    List<Leaving> out = new ArrayList<>();
    Orphans.of(inventory, observation).stream()
        .filter(n -> n.running() && n.reachable() && n.cluster().isPresent())
        .filter(n -> !known.contains(n.cluster().get().myId()))
        .filter(n -> n.cluster().get().nodes().stream().anyMatch(v -> memberIds.contains(v.id())))
        .forEach(n -> {
          ClusterNodeView me = n.cluster().get().myself().orElseThrow();
          List<Integer> slots = new ArrayList<>();
          me.slots().forEach(sr -> IntStream.rangeClosed(sr.start(), sr.end()).filter(s -> !claimed[s]).forEach(slots::add));
          out.add(new Leaving(me.id(), inventory.addressOf(n.ref()) + ":" + n.ref().port(), Optional.of(n.ref()),
              me.isMaster(), false, slots, List.of()));
        });
    return out;
  }

  /** The inventory host at the node's address whose agent manages its port, unless the port is declared. */
  private static Optional<NodeRef> agentRef(ClusterNodeView peer, Inventory inventory, Observation observation) {
    return inventory.hosts().values().stream()
        .filter(h -> h.address().equals(peer.host()))
        .filter(h -> observation.hosts().get(h.name()) instanceof HostObservation.Reachable r
            && r.managedPorts().contains(peer.port()))
        .map(h -> new NodeRef(h.name(), peer.port()))
        .filter(ref -> inventory.desiredNodes().stream().noneMatch(d -> d.ref().equals(ref)))
        .findFirst();
  }
}
