package io.redisfleet.controller.plan;

import io.redisfleet.controller.model.SlotRange;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

/** Conversions between sorted slot numbers and ranges, and a short rendering for plans. */
final class SlotRanges {

  private SlotRanges() {}

  /** Sorted, distinct slots as the fewest inclusive ranges. */
  static List<SlotRange> of(Collection<Integer> slots) {
    List<SlotRange> out = new ArrayList<>();
    int start = -1;
    int last = -2;
    for (int s : slots.stream().distinct().sorted().toList()) {
      if (s != last + 1) {
        if (start >= 0) {
          out.add(new SlotRange(start, last));
        }
        start = s;
      }
      last = s;
    }
    if (start >= 0) {
      out.add(new SlotRange(start, last));
    }
    return out;
  }

  /** "0-1364" or "0-1364,5461-5500" or, for many ranges, the first ones and a count. */
  static String brief(List<SlotRange> ranges) {
    String shown = ranges.stream().limit(4).map(SlotRange::toString).collect(Collectors.joining(","));
    return ranges.size() > 4 ? shown + ",… (" + ranges.size() + " ranges)" : shown;
  }
}
