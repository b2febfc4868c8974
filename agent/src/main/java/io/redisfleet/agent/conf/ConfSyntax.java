package io.redisfleet.agent.conf;

import java.util.ArrayList;
import java.util.List;

/**
 * redis.conf lexical rules: quoting an argument for a conf line, and splitting a line back into
 * arguments the way Redis does ({@code sdssplitargs}: double quotes with backslash escapes,
 * single quotes with only {@code \'}). The two are inverse for every argument the renderer accepts.
 */
public final class ConfSyntax {

  private ConfSyntax() {}

  /** The argument as it goes on a conf line: bare when it is plain, else double-quoted. */
  public static String quote(String arg) {
    if (!arg.isEmpty() && arg.chars().allMatch(ConfSyntax::isPlain)) {
      return arg;
    }
    StringBuilder out = new StringBuilder("\"");
    for (char c : arg.toCharArray()) {
      switch (c) {
        case '\\' -> out.append("\\\\");
        case '"' -> out.append("\\\"");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20 || c == 0x7f) {
            out.append(String.format("\\x%02x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }

  private static boolean isPlain(int c) {
    return c > 0x20 && c < 0x7f && c != '"' && c != '\'' && c != '\\' && c != '#';
  }

  /** A full line: name followed by its quoted arguments. */
  public static String line(String name, List<String> args) {
    StringBuilder out = new StringBuilder(name);
    args.forEach(a -> out.append(' ').append(quote(a)));
    return out.toString();
  }

  /** Splits one conf line into words; blank and comment lines give an empty list. */
  public static List<String> split(String line) {
    List<String> words = new ArrayList<>();
    String s = line.strip();
    if (s.isEmpty() || s.startsWith("#")) {
      return words;
    }
    int i = 0;
    while (i < s.length()) {
      while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
        i++;
      }
      if (i >= s.length()) {
        break;
      }
      StringBuilder word = new StringBuilder();
      char c = s.charAt(i);
      if (c == '"') {
        i = readDoubleQuoted(s, i + 1, word);
      } else if (c == '\'') {
        i = readSingleQuoted(s, i + 1, word);
      } else {
        while (i < s.length() && !Character.isWhitespace(s.charAt(i))) {
          word.append(s.charAt(i++));
        }
      }
      words.add(word.toString());
    }
    return words;
  }

  private static int readDoubleQuoted(String s, int i, StringBuilder word) {
    while (i < s.length() && s.charAt(i) != '"') {
      char c = s.charAt(i);
      if (c == '\\' && i + 1 < s.length()) {
        char e = s.charAt(i + 1);
        if (e == 'x' && i + 3 < s.length() && isHex(s.charAt(i + 2)) && isHex(s.charAt(i + 3))) {
          word.append((char) Integer.parseInt(s.substring(i + 2, i + 4), 16));
          i += 4;
          continue;
        }
        word.append(switch (e) {
          case 'n' -> '\n';
          case 'r' -> '\r';
          case 't' -> '\t';
          case 'b' -> '\b';
          case 'a' -> (char) 7;
          default -> e;
        });
        i += 2;
      } else {
        word.append(c);
        i++;
      }
    }
    return i + 1;
  }

  private static int readSingleQuoted(String s, int i, StringBuilder word) {
    while (i < s.length() && s.charAt(i) != '\'') {
      if (s.charAt(i) == '\\' && i + 1 < s.length() && s.charAt(i + 1) == '\'') {
        word.append('\'');
        i += 2;
      } else {
        word.append(s.charAt(i++));
      }
    }
    return i + 1;
  }

  private static boolean isHex(char c) {
    return Character.digit(c, 16) >= 0;
  }
}
