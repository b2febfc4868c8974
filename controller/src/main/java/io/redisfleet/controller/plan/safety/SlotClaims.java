package io.redisfleet.controller.plan.safety;

import io.redisfleet.controller.model.ClusterNodeView;
import io.redisfleet.controller.model.ClusterState;
import io.redisfleet.controller.model.HostObservation;
import io.redisfleet.controller.model.NodeRef;
import io.redisfleet.controller.model.ObservedNode;
import io.redisfleet.controller.model.Observation;
import io.redisfleet.controller.model.SlotRange;
import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Who claims which slot, by node id, as the union of every view any observed node reports: its
 * own line and its peers' lines, failed or not. A node an inventory agent runs that the cluster
 * forgot still claims its slots in its own view, so it is counted; so is a failed master every
 * peer still lists. Mutable: {@link PlanInvariants} replays a plan's slot moves on it.
 */
final class SlotClaims {

  private final Map<String, BitSet> byId = new HashMap<>();
  private final Map<NodeRef, String> idByRef = new HashMap<>();

  static SlotClaims of(Observation observation) {
    SlotClaims claims = new SlotClaims();
    for (HostObservation host : observation.hosts().values()) {
      if (host instanceof HostObservation.Reachable r) {
        r.nodes().values().forEach(claims::add);
      }
    }
    return claims;
  }

  private void add(ObservedNode node) {
    Optional<ClusterState> cluster = node.cluster();
    if (cluster.isEmpty() || !node.running() || !node.reachable()) {
      return;
    }
    idByRef.put(node.ref(), cluster.get().myId());
    for (ClusterNodeView line : cluster.get().nodes()) {
      if (line.isMaster() || line.flags().contains("myself")) {
        line.slots().forEach(r -> slots(line.id()).set(r.start(), r.end() + 1));
      }
    }
  }

  private BitSet slots(String id) {
    return byId.computeIfAbsent(id, k -> new BitSet(SlotRange.SLOTS));
  }

  /** The node's id as it reports it, else a stand-in that no view uses. */
  String idOf(NodeRef ref) {
    return idByRef.getOrDefault(ref, "unobserved:" + ref);
  }

  /** The slots the node with this id claims (a copy). */
  BitSet claimedBy(String id) {
    return (BitSet) slots(id).clone();
  }

  /** The slots of {@code ranges} some node other than {@code id} claims. */
  BitSet claimedByOthers(String id, Iterable<SlotRange> ranges) {
    BitSet wanted = new BitSet(SlotRange.SLOTS);
    ranges.forEach(r -> wanted.set(r.start(), r.end() + 1));
    BitSet taken = new BitSet(SlotRange.SLOTS);
    byId.forEach((other, slots) -> {
      if (!other.equals(id)) {
        BitSet both = (BitSet) slots.clone();
        both.and(wanted);
        taken.or(both);
      }
    });
    return taken;
  }

  /**
   * Replays a move or an assignment: the slots leave {@code from} (when present) and belong to
   * {@code to}. Other claimants keep their claims: a stale claim stays a danger after a move.
   */
  void move(Optional<String> from, String to, Iterable<SlotRange> ranges) {
    BitSet moved = new BitSet(SlotRange.SLOTS);
    ranges.forEach(r -> moved.set(r.start(), r.end() + 1));
    from.ifPresent(f -> slots(f).andNot(moved));
    slots(to).or(moved);
  }

  /** The id was forgotten by every member: it claims nothing any more. */
  void drop(String id) {
    byId.remove(id);
  }

  static String brief(BitSet slots) {
    int first = slots.nextSetBit(0);
    return slots.cardinality() + " slot(s)" + (first < 0 ? "" : ", first " + first);
  }
}
