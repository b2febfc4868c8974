package io.redisfleet.controller.inventory;

import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import io.redisfleet.controller.model.Secret;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Reads one secret from where the inventory points: {@code password-file} (a path, relative to
 * the inventory) or {@code password-env} (an environment variable's name). A literal
 * {@code password} is refused: inventories get committed, and the value would go with them.
 * No message ever contains the secret itself.
 */
final class SecretReader {

  static final String FILE = "password-file";
  static final String ENV = "password-env";
  static final String LITERAL = "password";

  private final Values values;
  private final InventoryPaths paths;
  private final Map<String, String> env;

  SecretReader(Values values, InventoryPaths paths, Map<String, String> env) {
    this.values = values;
    this.paths = paths;
    this.env = env;
  }

  /** The secret of {@code o}; {@code required} reports an object that names none. */
  Optional<Secret> read(ConfigObject o, String where, boolean required) {
    ConfigValue literal = o.get(LITERAL);
    if (literal != null) {
      values.problems().at(literal, "a literal password in " + where + " would be committed with the "
          + "inventory: put it in a file readable only by you and write " + FILE + " = \"path\", or in "
          + "an environment variable and write " + ENV + " = \"NAME\"");
      return Optional.empty();
    }
    ConfigValue file = o.get(FILE);
    ConfigValue variable = o.get(ENV);
    if (file != null && variable != null) {
      values.problems().at(variable, where + " sets both " + FILE + " and " + ENV + "; keep one");
      return Optional.empty();
    }
    if (file != null) {
      return values.string(file, FILE + " of " + where).flatMap(f -> fromFile(file, f, where));
    }
    if (variable != null) {
      return values.string(variable, ENV + " of " + where).flatMap(n -> fromEnv(variable, n, where));
    }
    if (required) {
      values.problems().at(o, where + " names no password: add " + FILE + " = \"path\" or " + ENV
          + " = \"NAME\"");
    }
    return Optional.empty();
  }

  private Optional<Secret> fromFile(ConfigValue at, String name, String where) {
    Path path = paths.resolve(name);
    String shown = FILE + " \"" + Text.printable(name) + "\" of " + where;
    String text;
    try {
      text = SecretFiles.read(path, shown, message -> values.problems().warn(at, message));
    } catch (SecretFiles.Refused e) {
      values.problems().at(at, e.getMessage());
      return Optional.empty();
    } catch (IOException e) {
      values.problems().at(at, "cannot read " + shown + " (" + e.getClass().getSimpleName()
          + "): create it, readable by the controller only");
      return Optional.empty();
    }
    return check(at, text.strip(), "the file \"" + Text.printable(name) + "\"");
  }

  private Optional<Secret> fromEnv(ConfigValue at, String name, String where) {
    String value = env.get(name);
    if (value == null) {
      values.problems().at(at, "environment variable " + Text.printable(name) + " (" + ENV + " of " + where
          + ") is not set: export it before running the controller");
      return Optional.empty();
    }
    return check(at, value, "environment variable " + name);
  }

  private Optional<Secret> check(ConfigValue at, String secret, String source) {
    if (secret.isEmpty() || secret.length() > 512 || secret.chars().anyMatch(c -> c < 0x21 || c > 0x7e)) {
      values.problems().at(at, "the password in " + source + " must be 1..512 printable ASCII "
          + "characters without spaces");
      return Optional.empty();
    }
    return Optional.of(new Secret(secret));
  }
}
