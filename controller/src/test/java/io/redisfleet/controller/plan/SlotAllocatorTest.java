package io.redisfleet.controller.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.redisfleet.controller.model.SlotRange;
import java.util.List;
import org.junit.jupiter.api.Test;

class SlotAllocatorTest {

  @Test
  void threeMastersSplitLikeRedisCli() {
    assertEquals(List.of(new SlotRange(0, 5460), new SlotRange(5461, 10922), new SlotRange(10923, 16383)),
        SlotAllocator.split(3));
  }

  @Test
  void everySlotCoveredExactlyOnceForAnyMasterCount() {
    for (int masters = 1; masters <= 200; masters++) {
      int[] owners = new int[SlotRange.SLOTS];
      List<SlotRange> ranges = SlotAllocator.split(masters);
      assertEquals(masters, ranges.size());
      for (SlotRange r : ranges) {
        for (int s = r.start(); s <= r.end(); s++) {
          owners[s]++;
        }
      }
      for (int s = 0; s < SlotRange.SLOTS; s++) {
        assertEquals(1, owners[s], "slot " + s + " with " + masters + " masters");
      }
      int min = ranges.stream().mapToInt(SlotRange::size).min().orElseThrow();
      int max = ranges.stream().mapToInt(SlotRange::size).max().orElseThrow();
      assertEquals(true, max - min <= 1, "even split for " + masters + ": " + min + ".." + max);
    }
  }

  @Test
  void uncoveredSubtractsClaimedRanges() {
    assertEquals(List.of(new SlotRange(0, 99), new SlotRange(201, 5460)),
        SlotAllocator.uncovered(new SlotRange(0, 5460), List.of(new SlotRange(100, 200), new SlotRange(9000, 9100))));
    assertEquals(List.of(), SlotAllocator.uncovered(new SlotRange(10, 20), List.of(new SlotRange(0, 16383))));
  }
}
