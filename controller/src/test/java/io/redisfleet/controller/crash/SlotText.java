package io.redisfleet.controller.crash;

import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;

/** Slot numbers as ranges, "0-255,300", for failure lines (at most eight ranges shown). */
final class SlotText {

  private SlotText() {}

  static String ranges(SortedSet<Integer> slots) {
    List<String> out = new ArrayList<>();
    Integer start = null;
    Integer prev = null;
    for (int s : slots) {
      if (prev != null && s != prev + 1) {
        out.add(start.equals(prev) ? "" + start : start + "-" + prev);
        start = s;
      } else if (start == null) {
        start = s;
      }
      prev = s;
    }
    if (start != null) {
      out.add(start.equals(prev) ? "" + start : start + "-" + prev);
    }
    // a failure line stays readable: the first ranges and how many more
    return out.size() <= 8 ? String.join(",", out)
        : String.join(",", out.subList(0, 8)) + ",… (" + (out.size() - 8) + " more ranges)";
  }
}
