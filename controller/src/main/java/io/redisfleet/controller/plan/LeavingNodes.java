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

  static List<Leaving> of(ClusterMembers members, Inventory inventory, Observation observation) {
    Map<String, ClusterNodeView> views = new LinkedHashMap<>();
    Map<String, List<NodeRef>> knownBy = new LinkedHashMap<>();
    for (NodeRef ref : members.live().keySet()) {
      if (!members.formed(ref)) {
        continue;
      }
      for (ClusterNodeView peer : members.view(ref).nodes()) {
        if (peer.flags().contains("myself") || peer.handshake() || peer.flags().contains("noaddr")
            || members.refOf(peer).isPresent()) {
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
