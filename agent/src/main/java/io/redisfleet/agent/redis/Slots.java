package io.redisfleet.agent.redis;

/** An inclusive range of hash slots. */
public record Slots(int start, int end) {

  public int size() {
    return end - start + 1;
  }

  @Override
  public String toString() {
    return start + "-" + end;
  }
}
