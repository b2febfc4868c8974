package io.redisfleet.agent.node;

import io.redisfleet.agent.AgentException;
import io.redisfleet.agent.AgentException.Kind;
import io.redisfleet.agent.v1.ClusterNode;
import io.redisfleet.agent.v1.ClusterView;
import io.redisfleet.agent.v1.SlotRange;
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

  static SlotOwnership of(ClusterView view) {
    SlotOwnership s = new SlotOwnership(view.getMyId());
    for (ClusterNode n : view.getNodesList()) {
      for (SlotRange r : n.getSlotsList()) {
        for (int slot = r.getStart(); slot <= r.getEnd() && slot < SLOTS; slot++) {
          s.owner[slot] = n.getId();
        }
      }
    }
    return s;
  }

  /** The requested slots this node does not own yet, as ranges; refuses slots another node owns. */
  List<SlotRange> unownedByMe(int port, List<SlotRange> requested) throws AgentException {
    boolean[] wanted = new boolean[SLOTS];
    for (SlotRange r : requested) {
      for (int slot = r.getStart(); slot <= r.getEnd(); slot++) {
        if (owner[slot] != null && !owner[slot].equals(myId)) {
          throw new AgentException(Kind.NEEDS_OPERATOR, "node " + port + ": CLUSTER ADDSLOTSRANGE: slot " + slot
              + " is already owned by node " + owner[slot]);
        }
        wanted[slot] = owner[slot] == null;
      }
    }
    List<SlotRange> out = new ArrayList<>();
    for (int slot = 0; slot < SLOTS; slot++) {
      if (wanted[slot]) {
        int start = slot;
        while (slot + 1 < SLOTS && wanted[slot + 1]) {
          slot++;
        }
        out.add(SlotRange.newBuilder().setStart(start).setEnd(slot).build());
      }
    }
    return out;
  }

  static String describe(List<SlotRange> ranges) {
    return ranges.stream().map(r -> r.getStart() + "-" + r.getEnd()).collect(Collectors.joining(" "));
  }
}
