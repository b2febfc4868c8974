package io.redisfleet.agent.node;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Compares a conf value with the form CONFIG GET reports it in: word by word, case-insensitive,
 * memory sizes by their bytes ("100mb" is reported as "104857600"), as Redis parses them
 * (k = 1000, kb = 1024, m = 10^6, mb = 2^20, g = 10^9, gb = 2^30).
 */
final class ConfValues {

  private static final Pattern SIZE = Pattern.compile("(-?\\d+)(k|kb|m|mb|g|gb)?");

  private ConfValues() {}

  static boolean same(String conf, String running) {
    List<String> a = words(conf);
    List<String> b = words(running);
    if (a.size() != b.size()) {
      return false;
    }
    for (int i = 0; i < a.size(); i++) {
      String x = a.get(i);
      String y = b.get(i);
      if (!x.equals(y) && (bytes(x).isEmpty() || !bytes(x).equals(bytes(y)))) {
        return false;
      }
    }
    return true;
  }

  private static List<String> words(String value) {
    String v = value.strip().toLowerCase(Locale.ROOT);
    return v.isEmpty() ? List.of() : List.of(v.split("\\s+"));
  }

  private static Optional<Long> bytes(String word) {
    Matcher m = SIZE.matcher(word);
    if (!m.matches()) {
      return Optional.empty();
    }
    long n = Long.parseLong(m.group(1));
    String unit = m.group(2) == null ? "" : m.group(2);
    long factor = switch (unit) {
      case "k" -> 1000L;
      case "kb" -> 1024L;
      case "m" -> 1000_000L;
      case "mb" -> 1024L * 1024;
      case "g" -> 1000_000_000L;
      case "gb" -> 1024L * 1024 * 1024;
      default -> 1L;
    };
    return Optional.of(n * factor);
  }
}
