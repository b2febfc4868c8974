package io.redisfleet.controller.plan;

import io.redisfleet.controller.model.SlotRange;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits the 16384 hash slots into one contiguous range per master, as evenly as redis-cli
 * does it (3 masters: 0-5460, 5461-10922, 10923-16383), so a cluster made by either tool has the
 * same shape.
 */
public final class SlotAllocator {

  private SlotAllocator() {}

  public static List<SlotRange> split(int masters) {
    if (masters < 1 || masters > SlotRange.SLOTS) {
      throw new IllegalArgumentException("cannot split slots over " + masters + " masters");
    }
    double perMaster = (double) SlotRange.SLOTS / masters;
    List<SlotRange> ranges = new ArrayList<>(masters);
    int first = 0;
    double cursor = 0;
    for (int i = 0; i < masters; i++) {
      int last = (int) Math.round(cursor + perMaster - 1);
      if (last > SlotRange.SLOTS - 1 || i == masters - 1) {
        last = SlotRange.SLOTS - 1;
      }
      if (last < first) {
        last = first;
      }
      ranges.add(new SlotRange(first, last));
      first = last + 1;
      cursor += perMaster;
    }
    return ranges;
  }

  /** The parts of {@code wanted} not covered by any of {@code claimed}. */
  public static List<SlotRange> uncovered(SlotRange wanted, List<SlotRange> claimed) {
    return uncovered(wanted, taken(claimed));
  }

  /** The slots any of {@code claimed} covers; computed once per cluster, not once per master. */
  static java.util.BitSet taken(List<SlotRange> claimed) {
    java.util.BitSet taken = new java.util.BitSet(SlotRange.SLOTS);
    claimed.forEach(r -> taken.set(r.start(), r.end() + 1));
    return taken;
  }

  /** The parts of {@code wanted} not in {@code taken}. */
  static List<SlotRange> uncovered(SlotRange wanted, java.util.BitSet taken) {
    List<SlotRange> out = new ArrayList<>();
    int start = -1;
    for (int s = wanted.start(); s <= wanted.end() + 1; s++) {
      boolean free = s <= wanted.end() && !taken.get(s);
      if (free && start < 0) {
        start = s;
      } else if (!free && start >= 0) {
        out.add(new SlotRange(start, s - 1));
        start = -1;
      }
    }
    return out;
  }
}
