package io.redisfleet.controller.inventory;

import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;

/** "Did you mean ...?" by edit distance, for misspelt keys, host names and choices. */
final class Suggest {

  private Suggest() {}

  /** The closest candidate, if it is close enough to be the likely intent. */
  static Optional<String> closest(String word, Collection<String> candidates) {
    return candidates.stream()
        .filter(c -> isClose(word, c))
        .min(Comparator.comparingInt((String c) -> distance(word, c)).thenComparing(c -> c));
  }

  /** {@code  (did you mean "x"?)} or the empty string. */
  static String hint(String word, Collection<String> candidates) {
    return closest(word, candidates).map(c -> " (did you mean \"" + c + "\"?)").orElse("");
  }

  private static boolean isClose(String word, String candidate) {
    int d = distance(word.toLowerCase(), candidate.toLowerCase());
    return d <= 2 && d < Math.max(word.length(), candidate.length());
  }

  /** Levenshtein distance. */
  static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitute = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitute, Math.min(previous[j], current[j - 1]) + 1);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
