package io.redisfleet.controller.plan;

import io.redisfleet.controller.model.NodeRef;
import java.util.Arrays;
import java.util.List;

/**
 * Maximum bipartite matching (Kuhn's augmenting paths) of replica positions to candidate
 * nodes, where a candidate fits a position only if it is on another host than the position's
 * master. Sizes are a cluster's node count, so the O(V·E) algorithm is plenty.
 */
final class AntiAffinityMatching {

  private AntiAffinityMatching() {}

  /** For each position (a master needing a replica), the matched candidate or null. */
  static NodeRef[] match(List<NodeRef> positions, List<NodeRef> candidates) {
    int[] positionOfCandidate = new int[candidates.size()];
    Arrays.fill(positionOfCandidate, -1);
    for (int p = 0; p < positions.size(); p++) {
      augment(p, positions, candidates, positionOfCandidate, new boolean[candidates.size()]);
    }
    NodeRef[] result = new NodeRef[positions.size()];
    for (int c = 0; c < candidates.size(); c++) {
      if (positionOfCandidate[c] >= 0) {
        result[positionOfCandidate[c]] = candidates.get(c);
      }
    }
    return result;
  }

  private static boolean augment(int p, List<NodeRef> positions, List<NodeRef> candidates,
      int[] positionOfCandidate, boolean[] seen) {
    for (int c = 0; c < candidates.size(); c++) {
      if (seen[c] || candidates.get(c).host().equals(positions.get(p).host())) {
        continue;
      }
      seen[c] = true;
      if (positionOfCandidate[c] < 0
          || augment(positionOfCandidate[c], positions, candidates, positionOfCandidate, seen)) {
        positionOfCandidate[c] = p;
        return true;
      }
    }
    return false;
  }
}
