package io.redisfleet.agent.node;

import io.redisfleet.agent.redis.ClusterTopology;
import io.redisfleet.agent.redis.ClusterPeer;
import io.redisfleet.agent.redis.Slots;
import io.redisfleet.agent.AgentException;
import io.redisfleet.agent.AgentException.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** Which node owns each of the 16384 slots, as one node sees the cluster. */
final class SlotOwnership {

  static final int SLOTS = 16384;

  private final String[] owner = new String[SLOTS];
  private final String myId;

  private SlotOwnership(String myId) {
    this.myId = myId;
  }

  static SlotOwnership of(ClusterTopology view) {
    SlotOwnership s = new SlotOwnership(view.myId());
    for (ClusterPeer n : view.nodes()) {
      for (Slots r : n.slots()) {
        for (int slot = r.start(); slot <= r.end() && slot < SLOTS; slot++) {
          s.owner[slot] = n.id();
        }
      }
    }
    return s;
  }

  /** The requested slots this node does not own yet, as ranges; refuses slots another node owns. */
  List<Slots> unownedByMe(int port, List<Slots> requested) throws AgentException {
    boolean[] wanted = new boolean[SLOTS];
    for (Slots r : requested) {
      for (int slot = r.start(); slot <= r.end(); slot++) {
        if (owner[slot] != null && !owner[slot].equals(myId)) {
          throw new AgentException(Kind.NEEDS_OPERATOR, "node " + port + ": CLUSTER ADDSLOTSRANGE: slot " + slot
              + " is already owned by node " + owner[slot]);
        }
        wanted[slot] = owner[slot] == null;
      }
    }
    List<Slots> out = new ArrayList<>();
    for (int slot = 0; slot < SLOTS; slot++) {
      if (wanted[slot]) {
        int start = slot;
        while (slot + 1 < SLOTS && wanted[slot + 1]) {
          slot++;
        }
        out.add(new Slots(start, slot));
      }
    }
    return out;
  }

  static String describe(List<Slots> ranges) {
    return ranges.stream().map(r -> r.start() + "-" + r.end()).collect(Collectors.joining(" "));
  }
}
