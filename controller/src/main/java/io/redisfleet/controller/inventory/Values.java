package io.redisfleet.controller.inventory;

import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.time.Duration;
import java.util.Optional;

/**
 * Typed reads of single values. Each read reports what is wrong (naming the setting and what was
 * found) and returns empty, so the caller carries on and more problems are found in one run.
 */
final class Values {

  private final Problems problems;
  private final DirectiveNames directiveNames;

  Values(Problems problems) {
    this(problems, new DirectiveNames(java.util.Set.of()));
  }

  Values(Problems problems, DirectiveNames directiveNames) {
    this.problems = problems;
    this.directiveNames = directiveNames;
  }

  Problems problems() {
    return problems;
  }

  /** The directive names this inventory may use (Redis 7.0's plus its unchecked-directives). */
  DirectiveNames directiveNames() {
    return directiveNames;
  }

  Optional<ConfigObject> object(ConfigValue value, String what, String example) {
    if (value instanceof ConfigObject object) {
      return Optional.of(object);
    }
    problems.at(value, what + " must be an object like " + example + ", not " + describe(value));
    return Optional.empty();
  }

  Optional<ConfigList> list(ConfigValue value, String what, String example) {
    if (value instanceof ConfigList list) {
      return Optional.of(list);
    }
    problems.at(value, what + " must be a list like " + example + ", not " + describe(value));
    return Optional.empty();
  }

  /** A string free of anything that could inject into a conf file or command line. */
  Optional<String> string(ConfigValue value, String what) {
    if (value.valueType() != ConfigValueType.STRING) {
      problems.at(value, what + " must be a string, not " + describe(value));
      return Optional.empty();
    }
    return safe(value, (String) value.unwrapped(), what);
  }

  Optional<String> safe(ConfigValue at, String text, String what) {
    if (text.length() > Text.MAX_LENGTH) {
      problems.at(at, what + " is " + text.length() + " characters long; values are at most "
          + Text.MAX_LENGTH + " characters");
      return Optional.empty();
    }
    Optional<String> unsafe = Text.unsafe(text);
    unsafe.ifPresent(u -> problems.at(at, what + " contains " + u + "; " + Text.RULE));
    return unsafe.isPresent() ? Optional.empty() : Optional.of(text);
  }

  /** An integer within [min, max]; HOCON also accepts a quoted number. */
  Optional<Integer> integer(ConfigValue value, String what, int min, int max) {
    Optional<Long> parsed = switch (value.valueType()) {
      case NUMBER -> value.unwrapped() instanceof Integer || value.unwrapped() instanceof Long
          ? Optional.of(((Number) value.unwrapped()).longValue()) : Optional.empty();
      case STRING -> Text.parseLong(((String) value.unwrapped()).trim());
      default -> Optional.empty();
    };
    if (parsed.isEmpty()) {
      problems.at(value, what + " must be a whole number, not " + describe(value));
      return Optional.empty();
    }
    long n = parsed.get();
    if (n < min || n > max) {
      String range = max == Integer.MAX_VALUE ? "at least " + min : min + ".." + max;
      problems.at(value, what + " is " + n + " but must be " + range);
      return Optional.empty();
    }
    return Optional.of((int) n);
  }

  /** A HOCON boolean (true/false, yes/no, on/off, as typesafe-config reads them). */
  Optional<Boolean> bool(ConfigValue value, String what) {
    try {
      return Optional.of(value.atKey("b").getBoolean("b"));
    } catch (ConfigException e) {
      problems.at(value, what + " must be true or false, not " + describe(value));
      return Optional.empty();
    }
  }

  /** A positive HOCON duration: 30s, 2m, 1500ms, or a number of milliseconds. */
  Optional<Duration> duration(ConfigValue value, String what) {
    try {
      Duration d = value.atKey("d").getDuration("d");
      if (!d.isNegative() && !d.isZero()) {
        return Optional.of(d);
      }
    } catch (ConfigException e) {
      // reported below, with the setting's name rather than typesafe-config's internal key
    }
    problems.at(value, what + " must be a positive duration such as 30s, 2m or 1500ms, not "
        + describe(value));
    return Optional.empty();
  }

  /** What was found, for messages: a quoted scalar or the value's type. */
  static String describe(ConfigValue value) {
    return switch (value.valueType()) {
      case OBJECT -> "an object";
      case LIST -> "a list";
      case NULL -> "null";
      case STRING -> "\"" + Text.shortened(Text.printable((String) value.unwrapped())) + "\"";
      default -> value.render(ConfigRenderOptions.concise());
    };
  }
}
