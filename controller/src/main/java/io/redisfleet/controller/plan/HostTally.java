package io.redisfleet.controller.plan;

import io.redisfleet.controller.model.NodeRef;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Per-host counts of a master choice in progress: masters m_h, nodes c_h (masters and free) and
 * the host's free nodes in free-list order. Choosing a master moves one node from free to masters,
 * so c_h never changes and every question {@link Placement} asks is O(1) per host, which keeps
 * placing N nodes on H hosts at O(N·H) instead of re-counting the lists (O(N³)).
 */
final class HostTally {

  private final List<NodeRef> free;
  private final long[] masters;
  private final long[] total;
  private final List<ArrayDeque<Integer>> freeByHost;

  HostTally(List<NodeRef> chosenMasters, List<NodeRef> free) {
    this.free = free;
    Map<String, Integer> ids = new HashMap<>();
    chosenMasters.forEach(m -> ids.putIfAbsent(m.host(), ids.size()));
    free.forEach(f -> ids.putIfAbsent(f.host(), ids.size()));
    masters = new long[ids.size()];
    total = new long[ids.size()];
    freeByHost = new ArrayList<>();
    for (int h = 0; h < ids.size(); h++) {
      freeByHost.add(new ArrayDeque<>());
    }
    chosenMasters.forEach(m -> masters[ids.get(m.host())]++);
    for (int i = 0; i < free.size(); i++) {
      freeByHost.get(ids.get(free.get(i).host())).add(i);
    }
    for (int h = 0; h < total.length; h++) {
      total[h] = masters[h] + freeByHost.get(h).size();
    }
  }

  private HostTally(HostTally other) {
    free = other.free;
    masters = Arrays.copyOf(other.masters, other.masters.length);
    total = other.total;
    freeByHost = new ArrayList<>(other.freeByHost.stream().map(ArrayDeque::new).toList());
  }

  /** An independent copy, for trying a sequence of choices (the cap's water-filling). */
  HostTally copy() {
    return new HostTally(this);
  }

  int hosts() {
    return total.length;
  }

  /** c_h + (r-1)·(m_h + extra): what host h weighs against the replica positions. */
  long load(int host, int replicas, int extra) {
    return total[host] + (long) (replicas - 1) * (masters[host] + extra);
  }

  long masters(int host) {
    return masters[host];
  }

  int freeCount(int host) {
    return freeByHost.get(host).size();
  }

  /** Index in the free list of the host's first free node (inventory order breaks ties). */
  int firstFree(int host) {
    return freeByHost.get(host).getFirst();
  }

  /** The host holding the first node of the free list, or -1 when none is free. */
  int hostOfFirstFree() {
    int best = -1;
    for (int h = 0; h < hosts(); h++) {
      if (freeCount(h) > 0 && (best < 0 || firstFree(h) < firstFree(best))) {
        best = h;
      }
    }
    return best;
  }

  /** Makes the host's first free node a master and returns its index in the free list. */
  int take(int host) {
    masters[host]++;
    return freeByHost.get(host).removeFirst();
  }
}
