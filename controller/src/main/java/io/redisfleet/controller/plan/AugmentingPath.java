package io.redisfleet.controller.plan;

import java.util.List;
import java.util.OptionalInt;

/**
 * One search of Kuhn's algorithm from an unmatched position, depth-first but on an explicit stack
 * (a deep alternating path in a large cluster would overflow the thread's stack): position p tries
 * each candidate of each fitting host not yet seen in this search; a free one ends the path, a
 * matched one continues from its position. On success the path is flipped, so every position on
 * it stays matched and the root gains a candidate.
 */
final class AugmentingPath {

  private final int[] positionHost;
  private final List<List<Integer>> candidatesOfHost;
  private final int[] positionOfCandidate;
  private final int[] candidateOfPosition;
  private final int[] seen;
  private final int stamp;
  private final AntiAffinityMatching.HostFit fits;

  AugmentingPath(int[] positionHost, List<List<Integer>> candidatesOfHost, int[] positionOfCandidate,
      int[] candidateOfPosition, int[] seen, int stamp, AntiAffinityMatching.HostFit fits) {
    this.positionHost = positionHost;
    this.candidatesOfHost = candidatesOfHost;
    this.positionOfCandidate = positionOfCandidate;
    this.candidateOfPosition = candidateOfPosition;
    this.seen = seen;
    this.stamp = stamp;
    this.fits = fits;
  }

  /** Augments from position root; the free candidate that became matched, if a path was found. */
  OptionalInt search(int root) {
    int depthMax = candidateOfPosition.length + 1;
    int[] position = new int[depthMax];
    int[] host = new int[depthMax];
    int[] index = new int[depthMax];
    int[] chosen = new int[depthMax];
    int top = 0;
    position[0] = root;
    while (top >= 0) {
      int c = nextCandidate(position[top], host, index, top);
      if (c < 0) {
        top--;
        continue;
      }
      seen[c] = stamp;
      chosen[top] = c;
      if (positionOfCandidate[c] < 0) {
        for (int d = 0; d <= top; d++) {
          positionOfCandidate[chosen[d]] = position[d];
          candidateOfPosition[position[d]] = chosen[d];
        }
        return OptionalInt.of(c);
      }
      top++;
      position[top] = positionOfCandidate[c];
      host[top] = 0;
      index[top] = 0;
    }
    return OptionalInt.empty();
  }

  /** The frame's next unseen candidate on a fitting host, or -1; advances the frame's cursor. */
  private int nextCandidate(int p, int[] host, int[] index, int top) {
    while (host[top] < candidatesOfHost.size()) {
      List<Integer> list = candidatesOfHost.get(host[top]);
      if (list.isEmpty() || !fits.test(positionHost[p], host[top])) {
        host[top]++;
        index[top] = 0;
        continue;
      }
      while (index[top] < list.size()) {
        int c = list.get(index[top]++);
        if (seen[c] != stamp) {
          return c;
        }
      }
      host[top]++;
      index[top] = 0;
    }
    return -1;
  }
}
