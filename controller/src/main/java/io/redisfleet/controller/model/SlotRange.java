package io.redisfleet.controller.model;

/** An inclusive range of the 16384 hash slots. */
public record SlotRange(int start, int end) {

  public static final int SLOTS = 16384;

  public SlotRange {
    if (start < 0 || end >= SLOTS || start > end) {
      throw new IllegalArgumentException("bad slot range " + start + "-" + end);
    }
  }

  public int size() {
    return end - start + 1;
  }

  @Override
  public String toString() {
    return start == end ? Integer.toString(start) : start + "-" + end;
  }
}
