package io.redisfleet.controller.plan;

import io.redisfleet.controller.model.NodeRef;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.BiPredicate;

/**
 * Maximum bipartite matching of replica positions to candidate nodes, where a candidate fits a
 * position only if it is on another host than the position's master. Whether a node fits depends
 * only on the two hosts, so candidates are grouped by host: a greedy pass gives each position the
 * first free candidate (inventory order) of a fitting host, in O(log H) for the usual few
 * conflicting hosts, and Kuhn's augmenting paths (iterative, so a 10,000-node cluster cannot
 * overflow the stack) complete what greedy left. The result is a maximum matching as before;
 * which maximum differs from plain Kuhn's, and costs O(N·log H) instead of O(N³) when hosts are
 * many.
 */
final class AntiAffinityMatching {

  private final List<NodeRef> positions;
  private final List<NodeRef> candidates;
  private final HostIds ids = new HostIds();
  private final int[] positionHost;
  private final int[] candidateHost;
  private final List<List<Integer>> candidatesOfHost = new ArrayList<>();
  private final int[] positionOfCandidate;
  private final int[] candidateOfPosition;
  private final int[] headOfHost;
  private final TreeSet<Integer> heads = new TreeSet<>();
  private final int[] seen;
  private int stamp;

  private AntiAffinityMatching(List<NodeRef> positions, List<NodeRef> candidates) {
    this.positions = positions;
    this.candidates = candidates;
    positionHost = positions.stream().mapToInt(p -> ids.id(p.host())).toArray();
    candidateHost = candidates.stream().mapToInt(c -> ids.id(c.host())).toArray();
    for (int h = 0; h < ids.size(); h++) {
      candidatesOfHost.add(new ArrayList<>());
    }
    for (int c = 0; c < candidates.size(); c++) {
      candidatesOfHost.get(candidateHost[c]).add(c);
    }
    positionOfCandidate = new int[candidates.size()];
    candidateOfPosition = new int[positions.size()];
    Arrays.fill(positionOfCandidate, -1);
    Arrays.fill(candidateOfPosition, -1);
    headOfHost = new int[ids.size()];
    for (int h = 0; h < ids.size(); h++) {
      advanceHead(h);
    }
    seen = new int[candidates.size()];
  }

  /** For each position (a master needing a replica), the matched candidate or null. */
  static NodeRef[] match(List<NodeRef> positions, List<NodeRef> candidates) {
    return match(positions, candidates, (a, b) -> false);
  }

  /**
   * As {@link #match(List, List)}, first matching only candidates whose host also shares no rack
   * or zone with the master's host ({@code sameDomain}, on host names), then completing with any
   * other host. Augmenting paths never unmatch a position, so the second pass reaches the same
   * maximum as host anti-affinity alone: racks are a preference that never costs a host.
   */
  static NodeRef[] match(List<NodeRef> positions, List<NodeRef> candidates, BiPredicate<String, String> sameDomain) {
    AntiAffinityMatching m = new AntiAffinityMatching(positions, candidates);
    Map<Long, Boolean> memo = new HashMap<>();
    HostFit strict = (mh, ch) -> mh != ch && !memo.computeIfAbsent((long) mh << 32 | ch,
        k -> sameDomain.test(m.ids.name(mh), m.ids.name(ch)));
    HostFit hostOnly = (mh, ch) -> mh != ch;
    for (HostFit fits : List.of(strict, hostOnly)) {
      for (int p = 0; p < positions.size(); p++) {
        if (m.candidateOfPosition[p] < 0) {
          m.greedy(p, fits);
        }
      }
      for (int p = 0; p < positions.size(); p++) {
        if (m.candidateOfPosition[p] < 0) {
          new AugmentingPath(m.positionHost, m.candidatesOfHost, m.positionOfCandidate, m.candidateOfPosition,
              m.seen, ++m.stamp, fits).search(p).ifPresent(m::matchedFree);
        }
      }
    }
    NodeRef[] result = new NodeRef[positions.size()];
    for (int p = 0; p < positions.size(); p++) {
      result[p] = m.candidateOfPosition[p] < 0 ? null : candidates.get(m.candidateOfPosition[p]);
    }
    return result;
  }

  /** Whether a candidate on host {@code candidate} may replicate a master on host {@code master}. */
  @FunctionalInterface
  interface HostFit {
    boolean test(int master, int candidate);
  }

  /** Gives position p the first free candidate, in inventory order, of a host that fits. */
  private void greedy(int p, HostFit fits) {
    for (int c : heads) {
      if (fits.test(positionHost[p], candidateHost[c])) {
        positionOfCandidate[c] = p;
        candidateOfPosition[p] = c;
        matchedFree(c);
        return;
      }
    }
  }

  /** A free candidate became matched: its host's head moves on to the next free one. */
  private void matchedFree(int c) {
    int h = candidateHost[c];
    if (heads.remove(c)) {
      advanceHead(h);
    }
  }

  private void advanceHead(int h) {
    List<Integer> list = candidatesOfHost.get(h);
    while (headOfHost[h] < list.size() && positionOfCandidate[list.get(headOfHost[h])] >= 0) {
      headOfHost[h]++;
    }
    if (headOfHost[h] < list.size()) {
      heads.add(list.get(headOfHost[h]));
    }
  }

  /** Dense ids for host names, so fits and groups are array look-ups. */
  private static final class HostIds {
    private final Map<String, Integer> ids = new HashMap<>();
    private final List<String> names = new ArrayList<>();

    int id(String host) {
      return ids.computeIfAbsent(host, h -> {
        names.add(h);
        return names.size() - 1;
      });
    }

    String name(int id) {
      return names.get(id);
    }

    int size() {
      return names.size();
    }
  }
}
