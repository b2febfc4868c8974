package io.redisfleet.controller.plan;

import io.redisfleet.controller.model.NodeRef;
import java.util.Arrays;
import java.util.List;
import java.util.function.BiPredicate;

/**
 * Maximum bipartite matching (Kuhn's augmenting paths) of replica positions to candidate
 * nodes, where a candidate fits a position only if it is on another host than the position's
 * master. Sizes are a cluster's node count, so the O(V·E) algorithm is plenty.
 */
final class AntiAffinityMatching {

  private AntiAffinityMatching() {}

  /** For each position (a master needing a replica), the matched candidate or null. */
  static NodeRef[] match(List<NodeRef> positions, List<NodeRef> candidates) {
    return match(positions, candidates, (a, b) -> false);
  }

  /**
   * As {@link #match(List, List)}, first matching only candidates that also share no rack or
   * zone with the master ({@code sameDomain}), then completing with any other host. Augmenting
   * paths never unmatch a position, so the second pass reaches the same maximum as host
   * anti-affinity alone: racks are a preference that never costs a host.
   */
  static NodeRef[] match(List<NodeRef> positions, List<NodeRef> candidates,
      BiPredicate<NodeRef, NodeRef> sameDomain) {
    int[] positionOfCandidate = new int[candidates.size()];
    Arrays.fill(positionOfCandidate, -1);
    BiPredicate<NodeRef, NodeRef> strict = (c, m) -> !c.host().equals(m.host()) && !sameDomain.test(c, m);
    BiPredicate<NodeRef, NodeRef> hostOnly = (c, m) -> !c.host().equals(m.host());
    for (BiPredicate<NodeRef, NodeRef> fits : List.of(strict, hostOnly)) {
      for (int p = 0; p < positions.size(); p++) {
        if (!matched(p, positionOfCandidate)) {
          augment(p, positions, candidates, positionOfCandidate, new boolean[candidates.size()], fits);
        }
      }
    }
    NodeRef[] result = new NodeRef[positions.size()];
    for (int c = 0; c < candidates.size(); c++) {
      if (positionOfCandidate[c] >= 0) {
        result[positionOfCandidate[c]] = candidates.get(c);
      }
    }
    return result;
  }

  private static boolean matched(int p, int[] positionOfCandidate) {
    return Arrays.stream(positionOfCandidate).anyMatch(x -> x == p);
  }

  private static boolean augment(int p, List<NodeRef> positions, List<NodeRef> candidates,
      int[] positionOfCandidate, boolean[] seen, BiPredicate<NodeRef, NodeRef> fits) {
    for (int c = 0; c < candidates.size(); c++) {
      if (seen[c] || !fits.test(candidates.get(c), positions.get(p))) {
        continue;
      }
      seen[c] = true;
      if (positionOfCandidate[c] < 0
          || augment(positionOfCandidate[c], positions, candidates, positionOfCandidate, seen, fits)) {
        positionOfCandidate[c] = p;
        return true;
      }
    }
    return false;
  }
}
