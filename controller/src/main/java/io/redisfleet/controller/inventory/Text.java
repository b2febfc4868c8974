package io.redisfleet.controller.inventory;

import java.util.Optional;
import java.util.regex.Pattern;

/** Checks on text that ends up in conf files, paths and command lines. */
final class Text {

  static final String RULE = "values are written into redis.conf files and command lines, so they "
      + "cannot contain newlines, carriage returns, tabs or other control characters, or unbalanced double quotes";

  /** Names of hosts, clusters and groups: they become parts of node names and directory names. */
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*");

  /** The longest value accepted (the agent refuses longer directive arguments too). */
  static final int MAX_LENGTH = 4096;

  private Text() {}

  /** At most 80 characters of a value, for messages that quote what was found. */
  static String shortened(String text) {
    return text.length() <= 80 ? text : text.substring(0, 77) + "...";
  }

  /** What makes the text unsafe, e.g. "a newline", if anything. */
  static Optional<String> unsafe(String text) {
    if (text.indexOf('\n') >= 0) {
      return Optional.of("a newline");
    }
    if (text.indexOf('\r') >= 0) {
      return Optional.of("a carriage return");
    }
    if (text.indexOf('\0') >= 0) {
      return Optional.of("a NUL character");
    }
    if (text.indexOf('\t') >= 0) {
      return Optional.of("a tab"); // redis.conf splits arguments on it: one value would become two
    }
    if (text.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
      return Optional.of("a control character");
    }
    if (text.chars().filter(c -> c == '"').count() % 2 != 0) {
      return Optional.of("an unbalanced double quote");
    }
    return Optional.empty();
  }

  static boolean isName(String name) {
    return NAME.matcher(name).matches();
  }

  /** The message for a bad host, cluster or group name. */
  static String badName(String kind, String name) {
    return kind + " name \"" + printable(name) + "\" must start with a letter or digit and contain "
        + "only letters, digits, '.', '_' and '-' (it is used in node names and directory names)";
  }

  /** Control characters made visible, so a message never breaks the FILE:LINE: format. */
  static String printable(String text) {
    return text.replace("\n", "\\n").replace("\r", "\\r").replace("\0", "\\0");
  }

  static Optional<Long> parseLong(String text) {
    try {
      return Optional.of(Long.parseLong(text));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
