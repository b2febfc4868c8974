package io.redisfleet.controller.inventory;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigResolveOptions;
import com.typesafe.config.ConfigValueFactory;
import io.redisfleet.controller.model.Inventory;
import io.redisfleet.controller.pki.CertificateCustody;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Loads an inventory file: HOCON (includes, {@code ${?ENV}} substitution) into the validated
 * model. Every problem is reported at once as {@code FILE:LINE: message}, through
 * {@link InvalidInventoryException}.
 */
public final class InventoryLoader {

  private InventoryLoader() {}

  /** Loads with the process environment for {@code ${?VAR}} substitutions; reads certificates only. */
  public static Inventory load(Path file) throws InvalidInventoryException {
    return load(file, System.getenv());
  }

  /**
   * Loads with the given environment: for {@code ${?VAR}} substitutions, and for the default
   * state-dir of embedded hosts (XDG_STATE_HOME, HOME). Reads certificates only (custody READ_ONLY).
   */
  public static Inventory load(Path file, Map<String, String> env) throws InvalidInventoryException {
    return load(file, env, new java.util.ArrayList<>());
  }

  /** As above; what is not an error but should be said (a secret file others can read...) goes to {@code warnings}. */
  public static Inventory load(Path file, Map<String, String> env, List<InventoryError> warnings)
      throws InvalidInventoryException {
    InventoryRead read = read(file, env, CertificateCustody.READ_ONLY);
    warnings.addAll(read.warnings());
    return read.inventory();
  }

  /**
   * Reads and validates, writing nothing. Under custody ISSUE a Redis certificate that needs
   * issuing is not an error but is listed in {@link InventoryRead#toIssue()}, its TLS block left
   * out; the issuing commands issue those and read again (app/IssuingLoader). Under READ_ONLY it
   * is an error naming the command that issues it, and {@code toIssue} is always empty.
   */
  public static InventoryRead read(Path file, Map<String, String> env, CertificateCustody custody)
      throws InvalidInventoryException {
    String shown = file.toString();
    Problems problems = new Problems(shown);
    if (!Files.isRegularFile(file)) {
      throw new InvalidInventoryException(List.of(new InventoryError(shown, 0,
          Files.exists(file) ? "is not a file; give the inventory file's path"
              : "no such file; give the path of an inventory file, e.g. inventory/local.conf")));
    }
    ConfigObject root;
    try {
      root = resolve(ConfigFactory.parseFile(file.toFile(),
          ConfigParseOptions.defaults().setAllowMissing(false).setIncluder(new RequiredIncludes())), env);
    } catch (RequiredIncludes.Missing e) {
      throw new InvalidInventoryException(List.of(new InventoryError(shown, includeLine(file, e.what), e.getMessage())));
    } catch (ConfigException e) {
      problems.at(e);
      throw new InvalidInventoryException(problems.errors());
    }
    Path dir = file.toAbsolutePath().normalize().getParent();
    InventoryReader reader = new InventoryReader(problems, dir, env, custody);
    Inventory inventory = reader.read(root, shown);
    if (!problems.isEmpty()) {
      throw new InvalidInventoryException(problems.errors());
    }
    return new InventoryRead(inventory, problems.warnings(), reader.toIssue());
  }

  /** The line of the inventory that includes {@code what} (0 when it is a nested include). */
  private static int includeLine(Path file, String what) {
    try {
      List<String> lines = Files.readAllLines(file);
      for (int i = 0; i < lines.size(); i++) {
        if (lines.get(i).contains("include") && lines.get(i).contains("\"" + what + "\"")) {
          return i + 1;
        }
      }
    } catch (java.io.IOException | java.io.UncheckedIOException e) {
      // the file was readable a moment ago; report without a line then
    }
    return 0;
  }

  /**
   * Resolves substitutions as {@code Config.resolve()} does, but against {@code env} instead of
   * the process environment (so tests control it). The environment is a fallback under the
   * inventory, as typesafe-config's own system-environment lookup is; its keys are then removed
   * again so they never look like inventory keys.
   */
  private static ConfigObject resolve(Config parsed, Map<String, String> env) {
    Config environment = ConfigValueFactory.fromMap(env, "environment").toConfig();
    ConfigObject resolved = parsed.withFallback(environment)
        .resolve(ConfigResolveOptions.defaults().setUseSystemEnvironment(false)).root();
    for (String key : env.keySet()) {
      if (!parsed.root().containsKey(key)) {
        resolved = resolved.withoutKey(key);
      }
    }
    return resolved;
  }
}
