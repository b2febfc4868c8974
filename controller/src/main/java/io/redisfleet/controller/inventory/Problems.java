package io.redisfleet.controller.inventory;

import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigOrigin;
import com.typesafe.config.ConfigValue;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Collects every problem of one inventory, so the user sees them all at once, and turns
 * typesafe-config origins into file and line.
 */
final class Problems {

  private static final String MERGED = "merge of ";

  private final String mainFile;
  private final List<InventoryError> errors = new ArrayList<>();
  private final List<InventoryError> warnings = new ArrayList<>();

  Problems(String mainFile) {
    this.mainFile = mainFile;
  }

  void at(ConfigValue value, String message) {
    errors.add(locate(value).error(message));
  }

  /** Not an error: the inventory loads, and the commands print it as a warning. */
  void warn(ConfigValue value, String message) {
    warnings.add(locate(value).error(message));
  }

  List<InventoryError> warnings() {
    return warnings.stream().sorted(InventoryError.ORDER).toList();
  }

  void at(Location location, String message) {
    errors.add(location.error(message));
  }

  /** A parse or resolve failure: typesafe-config puts the origin in front of its message. */
  void at(ConfigException e) {
    ConfigOrigin origin = e.origin();
    if (e instanceof ConfigException.IO && e.getCause() != null) {
      // the origin is the unreadable file itself (no line): report it against the inventory
      String what = origin == null ? "an included file" : origin.description();
      errors.add(new InventoryError(mainFile, 0, "cannot read " + what + ": "
          + e.getCause().getMessage()));
      return;
    }
    String message = e.getMessage();
    if (origin != null && message.startsWith(origin.description() + ": ")) {
      message = message.substring(origin.description().length() + 2);
    }
    if (e instanceof ConfigException.UnresolvedSubstitution) {
      message += "; define it in the inventory or as an environment variable, or write ${?NAME} "
          + "to make it optional";
    }
    errors.add(locate(origin).orElse(new Location(mainFile, 0)).error(message));
  }

  int count() {
    return errors.size();
  }

  boolean isEmpty() {
    return errors.isEmpty();
  }

  List<InventoryError> errors() {
    return errors.stream().sorted(InventoryError.ORDER).toList();
  }

  /**
   * Where a value was declared. An object declared in several places (HOCON merges them) has no
   * single line; it is then placed at its earliest member.
   */
  Location locate(ConfigValue value) {
    Optional<Location> own = locate(value.origin());
    if (own.isPresent()) {
      return own.get();
    }
    if (value instanceof ConfigObject object) {
      return object.values().stream().map(this::locate)
          .filter(l -> l.line() > 0)
          .min(Comparator.comparing(Location::file).thenComparingInt(Location::line))
          .orElse(new Location(mainFile, 0));
    }
    return new Location(mainFile, 0);
  }

  private Optional<Location> locate(ConfigOrigin origin) {
    if (origin == null || origin.filename() == null || origin.description().startsWith(MERGED)) {
      return Optional.empty();
    }
    return Optional.of(new Location(origin.filename(), Math.max(origin.lineNumber(), 0)));
  }
}
