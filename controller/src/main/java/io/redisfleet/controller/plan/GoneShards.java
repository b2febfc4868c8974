package io.redisfleet.controller.plan;

import io.redisfleet.controller.model.ClusterNodeView;
import io.redisfleet.controller.model.Host;
import io.redisfleet.controller.model.Inventory;
import io.redisfleet.controller.model.NodeRef;
import io.redisfleet.controller.model.SlotRange;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * Masters on a host declared gone ({@code state = gone}) that the live members still see serving
 * slots. Nodes of a gone host without slots are stale ids ({@link StaleNodes}) and are simply
 * forgotten. A slot-serving one is either waiting for its replica on a live host to take over
 * (Redis fails it over once it sees it failing; nothing is forgotten before), or its shard is
 * lost: no live member replicates it, so its slots' keys exist nowhere any more. Or Redis failed it
 * over already and a view that lists it serving is behind: the promoted replica, now a master that
 * replicates nobody, serves those slots in its own view (gossip brings the others round within a
 * node timeout): live masters serve every slot the lagging view gives it. A lost shard is
 * a problem; with {@code --force} its id is forgotten by every live member and its slots are
 * assigned again, empty (ADDSLOTS), to the masters of the layout. Never a shard with a live member.
 */
final class GoneShards {

  /**
   * A gone master still serving slots in some live member's view; {@code replica} a live member
   * replicating it, if any; {@code takenOverBy}, when live masters serve every one of its slots in
   * their own views (the view listing the gone one is behind), the one serving its first slot.
   */
  record Gone(String id, String address, String host, List<Integer> slots, Optional<NodeRef> replica,
      Optional<NodeRef> takenOverBy) {
    boolean lost() {
      return replica.isEmpty() && takenOverBy.isEmpty();
    }

    String brief() {
      return slots.size() + " slot(s) " + SlotRanges.brief(SlotRanges.of(slots));
    }
  }

  private GoneShards() {}

  static List<Gone> of(ClusterMembers members, Inventory inventory) {
    Map<String, ClusterNodeView> lines = new LinkedHashMap<>();
    for (NodeRef ref : members.live().keySet()) {
      members.view(ref).nodes().stream()
          .filter(l -> l.isMaster() && !l.slots().isEmpty() && goneHost(inventory, l.host()).isPresent())
          .forEach(l -> lines.putIfAbsent(l.id(), l));
    }
    NodeRef[] servedBy = new NodeRef[SlotRange.SLOTS]; // each slot's live master, in that master's own view
    members.live().keySet().forEach(r -> members.view(r).myself().filter(ClusterNodeView::isMaster)
        .ifPresent(me -> me.slots().forEach(range -> Arrays.fill(servedBy, range.start(), range.end() + 1, r))));
    List<Gone> out = new ArrayList<>();
    lines.forEach((id, line) -> {
      List<Integer> slots = new ArrayList<>();
      line.slots().forEach(r -> IntStream.rangeClosed(r.start(), r.end()).forEach(slots::add));
      Optional<NodeRef> replica = members.live().keySet().stream()
          .filter(r -> members.view(r).myself().map(me -> id.equals(me.masterId())).orElse(false))
          .findFirst();
      // taken over only when live masters serve every one of its slots: one that serves some (a
      // slot move the gone master had begun) leaves the rest lost
      boolean allServed = slots.stream().allMatch(s -> servedBy[s] != null);
      Optional<NodeRef> takenOverBy = allServed ? Optional.of(servedBy[slots.get(0)]) : Optional.empty();
      out.add(new Gone(id, line.host() + ":" + line.port(), goneHost(inventory, line.host()).orElseThrow(), slots,
          replica, takenOverBy));
    });
    return out;
  }

  /** The gone host at this address, unless an active host took the address over. */
  static Optional<String> goneHost(Inventory inventory, String address) {
    if (inventory.hosts().values().stream().anyMatch(h -> h.address().equals(address))) {
      return Optional.empty();
    }
    return inventory.goneHosts().values().stream().filter(h -> h.address().equals(address))
        .map(Host::name).findFirst();
  }

  /** The slots of the lost shards, as ranges (what --force assigns again, empty). */
  static List<SlotRange> lostSlots(List<Gone> gone) {
    List<Integer> slots = new ArrayList<>();
    gone.stream().filter(Gone::lost).forEach(g -> slots.addAll(g.slots()));
    return SlotRanges.of(slots.stream().sorted().toList());
  }
}
