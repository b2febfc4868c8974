package io.redisfleet.controller.plan;

import io.redisfleet.controller.model.NodeRef;
import io.redisfleet.controller.model.SlotRange;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The slot moves that even a cluster's distribution, as {@code redis-cli --cluster rebalance}
 * does: every master's share is 16384 / masters (the remainder going to those that already hold
 * the most, so fewer slots move); donors give their lowest-numbered surplus slots to receivers
 * in layout order. Deterministic, so an interrupted rebalance resumes towards the same map.
 */
final class SlotMoves {

  /** Slots per MigrateSlots step, so one agent call fits its deadline. */
  static final int CHUNK = 256;
  /** As redis-cli: a master within 2% of its share is left alone. */
  static final double THRESHOLD = 0.02;

  /** A move of slots from one master to another. */
  record Move(NodeRef source, NodeRef target, List<SlotRange> ranges) {
    int slots() {
      return ranges.stream().mapToInt(SlotRange::size).sum();
    }
  }

  private SlotMoves() {}

  /**
   * @param owned every master of the target layout, in layout order, with the slots it owns
   *     (all 16384 slots, each once)
   * @return the moves, chunked; empty when every master is within the threshold of its share
   */
  static List<Move> rebalance(Map<NodeRef, List<Integer>> owned) {
    Map<NodeRef, Integer> share = shares(owned);
    boolean uneven = owned.entrySet().stream()
        .anyMatch(e -> e.getValue().size() < share.get(e.getKey()) * (1 - THRESHOLD));
    if (!uneven) {
      return List.of();
    }
    return distribute(owned, share);
  }

  /**
   * Scale in: every slot of the leaving masters goes to the remaining ones, which end with an
   * even share (remaining masters above their share give their surplus too, as in a rebalance).
   *
   * @param remaining the masters of the target layout with the slots they own
   * @param leaving masters leaving the cluster with the slots they still own; together with
   *     {@code remaining}, all 16384 slots, each once
   */
  static List<Move> drain(Map<NodeRef, List<Integer>> remaining, Map<NodeRef, List<Integer>> leaving) {
    Map<NodeRef, Integer> share = shares(remaining);
    Map<NodeRef, List<Integer>> owned = new LinkedHashMap<>(leaving);
    leaving.keySet().forEach(m -> share.put(m, 0));
    owned.putAll(remaining);
    return distribute(owned, share);
  }

  /** Donors, in map order, give their lowest-numbered slots above their share to the masters below theirs. */
  private static List<Move> distribute(Map<NodeRef, List<Integer>> owned, Map<NodeRef, Integer> share) {
    List<NodeRef> receivers = new ArrayList<>();
    Map<NodeRef, Integer> deficit = new LinkedHashMap<>();
    owned.forEach((m, slots) -> {
      if (slots.size() < share.get(m)) {
        receivers.add(m);
        deficit.put(m, share.get(m) - slots.size());
      }
    });
    List<Move> moves = new ArrayList<>();
    int r = 0;
    for (Map.Entry<NodeRef, List<Integer>> donor : owned.entrySet()) {
      List<Integer> give = donor.getValue().stream().sorted()
          .limit(Math.max(0, donor.getValue().size() - share.get(donor.getKey()))).toList();
      int i = 0;
      while (i < give.size() && r < receivers.size()) {
        NodeRef receiver = receivers.get(r);
        int n = Math.min(deficit.get(receiver), give.size() - i);
        chunk(donor.getKey(), receiver, give.subList(i, i + n), moves);
        deficit.put(receiver, deficit.get(receiver) - n);
        i += n;
        if (deficit.get(receiver) == 0) {
          r++;
        }
      }
    }
    return moves;
  }

  /** Each master's target count: 16384 / masters, plus one for the fullest masters while slots remain. */
  private static Map<NodeRef, Integer> shares(Map<NodeRef, List<Integer>> owned) {
    List<NodeRef> masters = new ArrayList<>(owned.keySet());
    int base = SlotRange.SLOTS / masters.size();
    int remainder = SlotRange.SLOTS % masters.size();
    List<NodeRef> fullest = masters.stream()
        .sorted(Comparator.comparingInt((NodeRef m) -> -owned.get(m).size()).thenComparingInt(masters::indexOf))
        .limit(remainder).toList();
    Map<NodeRef, Integer> share = new LinkedHashMap<>();
    masters.forEach(m -> share.put(m, base + (fullest.contains(m) ? 1 : 0)));
    return share;
  }

  /** Moves of the given slots, at most {@link #CHUNK} slots each. */
  static void chunk(NodeRef source, NodeRef target, List<Integer> slots, List<Move> out) {
    for (int i = 0; i < slots.size(); i += CHUNK) {
      out.add(new Move(source, target, SlotRanges.of(slots.subList(i, Math.min(slots.size(), i + CHUNK)))));
    }
  }
}
