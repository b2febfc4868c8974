package io.redisfleet.agent.redis;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One node's view of who owns each slot, and which slots it has open (migrating or importing). */
final class SlotStates {

  private static final int SLOTS = 16384;
  /** "[1234->-id]" (migrating) or "[1234-<-id]" (importing), as CLUSTER NODES prints them. */
  private static final Pattern OPEN = Pattern.compile("\\[(\\d+)-[<>]-[^\\]]+]");

  private final String[] owner = new String[SLOTS];
  private final boolean[] open = new boolean[SLOTS];

  private SlotStates() {}

  static SlotStates of(ClusterTopology view) {
    SlotStates s = new SlotStates();
    for (ClusterPeer n : view.nodes()) {
      for (Slots r : n.slots()) {
        for (int slot = r.start(); slot <= r.end() && slot < SLOTS; slot++) {
          s.owner[slot] = n.id();
        }
      }
      if (n.has("myself")) {
        for (String m : n.migrating()) {
          Matcher matcher = OPEN.matcher(m);
          if (matcher.matches() && Integer.parseInt(matcher.group(1)) < SLOTS) {
            s.open[Integer.parseInt(matcher.group(1))] = true;
          }
        }
      }
    }
    return s;
  }

  String owner(int slot) {
    return owner[slot];
  }

  boolean open(int slot) {
    return open[slot];
  }
}
