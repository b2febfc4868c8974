package io.redisfleet.controller.inventory;

import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValue;
import io.redisfleet.controller.model.Directive;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads a {@code redis { ... }} block into directives. A string, number or boolean is one
 * directive (a string is split on whitespace into arguments, {@code save = "900 1"}; true/false
 * become yes/no); a list repeats the directive once per element; an empty list or empty string
 * is the directive with one empty argument ({@code save ""}).
 */
final class DirectiveReader {

  private static final Pattern NAME = Pattern.compile("[a-z0-9-]+");

  private final Values values;

  DirectiveReader(Values values) {
    this.values = values;
  }

  /** Directives in name order; nothing for a missing block. */
  List<Directive> read(Optional<ConfigValue> block, String where) {
    Optional<ConfigObject> object = block.flatMap(b -> values.object(b, where,
        "{ maxmemory = 100mb }"));
    List<Directive> out = new ArrayList<>();
    object.ifPresent(o -> Keys.sorted(o).forEach(name -> read(name, o.get(name), where, out)));
    return out;
  }

  static boolean isName(String name) {
    return NAME.matcher(name).matches();
  }

  private void read(String name, ConfigValue value, String where, List<Directive> out) {
    String what = "directive \"" + Text.printable(name) + "\" in " + where;
    if (!NAME.matcher(name).matches()) {
      values.problems().at(value, what + " is not a redis.conf directive name: names are "
          + "lowercase letters, digits and '-'");
      return;
    }
    Optional<String> managed = ManagedDirectives.reason(name);
    if (managed.isPresent()) {
      values.problems().at(value, what + " is managed by redis-fleet (" + managed.get()
          + "); remove it");
      return;
    }
    Optional<String> unknown = values.directiveNames().problem(name);
    if (unknown.isPresent()) {
      values.problems().at(value, unknown.get());
      return;
    }
    if (value instanceof ConfigList list) {
      if (list.isEmpty()) {
        out.add(Directive.of(name, ""));
      }
      list.forEach(element -> args(element, what).filter(a -> typed(name, a, element, what))
          .ifPresent(a -> out.add(new Directive(name, a))));
    } else {
      args(value, what).filter(a -> typed(name, a, value, what)).ifPresent(a -> out.add(new Directive(name, a)));
    }
  }

  /** False (and a problem at the value's line) when the directive's known type does not fit. */
  private boolean typed(String name, List<String> args, ConfigValue value, String what) {
    Optional<String> wrong = DirectiveValues.problem(name, args);
    wrong.ifPresent(p -> values.problems().at(value, what + ": " + p));
    return wrong.isEmpty();
  }

  private Optional<List<String>> args(ConfigValue value, String what) {
    switch (value.valueType()) {
      case BOOLEAN:
        return Optional.of(List.of((Boolean) value.unwrapped() ? "yes" : "no"));
      case NUMBER:
        return Optional.of(List.of(value.render(ConfigRenderOptions.concise())));
      case STRING:
        return values.safe(value, (String) value.unwrapped(), what).map(DirectiveReader::split);
      default:
        values.problems().at(value, what + " must be a string, number, boolean or a list of them, "
            + "not " + Values.describe(value));
        return Optional.empty();
    }
  }

  private static List<String> split(String text) {
    String trimmed = text.strip();
    return trimmed.isEmpty() ? List.of("") : Arrays.asList(trimmed.split("\\s+"));
  }
}
