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
    return load(file, System.getenv(), CertificateCustody.READ_ONLY);
  }

  /** As {@link #load(Path)}, issuing Redis certificates where {@code custody} says so (apply, pki issue redis). */
  public static Inventory load(Path file, CertificateCustody custody) throws InvalidInventoryException {
    return load(file, System.getenv(), custody);
  }

  public static Inventory load(Path file, Map<String, String> env) throws InvalidInventoryException {
    return load(file, env, CertificateCustody.READ_ONLY);
  }

  /**
   * Loads with the given environment: for {@code ${?VAR}} substitutions, and for the default
   * state-dir of embedded hosts (XDG_STATE_HOME, HOME).
   */
  public static Inventory load(Path file, Map<String, String> env, CertificateCustody custody)
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
          ConfigParseOptions.defaults().setAllowMissing(false)), env);
    } catch (ConfigException e) {
      problems.at(e);
      throw new InvalidInventoryException(problems.errors());
    }
    Path dir = file.toAbsolutePath().normalize().getParent();
    Inventory inventory = new InventoryReader(problems, dir, env, custody).read(root, shown);
    if (!problems.isEmpty()) {
      throw new InvalidInventoryException(problems.errors());
    }
    return inventory;
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
