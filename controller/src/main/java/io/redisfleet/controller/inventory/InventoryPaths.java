package io.redisfleet.controller.inventory;

import com.typesafe.config.ConfigValue;
import io.redisfleet.controller.model.AgentMode;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Paths in an inventory (state-dir, tls-dir), always made absolute and normalized: a relative one
 * is taken from the inventory file's directory, {@code ~/} from the home directory. An embedded
 * host's state-dir (where its agent keeps node confs and data) defaults to
 * {@code $XDG_STATE_HOME/redis-fleet/HOST}, else {@code ~/.local/state/redis-fleet/HOST}.
 */
final class InventoryPaths {

  private final Values values;
  private final Path inventoryDir;
  private final Map<String, String> env;

  InventoryPaths(Values values, Path inventoryDir, Map<String, String> env) {
    this.values = values;
    this.inventoryDir = inventoryDir;
    this.env = env;
  }

  Map<String, String> env() {
    return env;
  }

  /** The state-dir of an embedded host; a remote host has none (and may not set one). */
  Optional<String> stateDir(String host, ConfigValue value, AgentMode mode, String where) {
    if (mode == AgentMode.REMOTE) {
      if (value != null) {
        values.problems().at(value, "state-dir of " + where + " is only for agent = embedded; a "
            + "remote agent keeps its nodes' state in its own directories on the host: remove it");
      }
      return Optional.empty();
    }
    if (value == null) {
      // a bad host name is reported by HostReader; it must not become a path
      return Text.isName(host) ? Optional.of(defaultFor(host).toString()) : Optional.empty();
    }
    return values.string(value, "state-dir of " + where)
        .filter(dir -> nonEmpty(dir, value, where))
        .map(this::resolve)
        .filter(dir -> safeStateDir(dir, value, where))
        .map(Path::toString);
  }

  /**
   * The agent creates, writes and (on destroy) deletes below its state-dir, so it must be a
   * directory of its own: never a system directory or a home directory itself, never a file.
   */
  private boolean safeStateDir(Path dir, ConfigValue value, String where) {
    Optional<String> wrong = StateDirs.problem(dir, home());
    wrong.ifPresent(w -> values.problems().at(value, "state-dir of " + where + " " + w));
    return wrong.isEmpty();
  }

  /** A path setting (state-dir, tls-dir) as an absolute path. */
  Path resolve(String dir) {
    Path path = dir.equals("~") || dir.startsWith("~/")
        ? home().resolve(dir.substring(Math.min(2, dir.length())))
        : inventoryDir.resolve(dir);
    return path.toAbsolutePath().normalize();
  }

  private boolean nonEmpty(String dir, ConfigValue value, String where) {
    if (dir.isBlank()) {
      values.problems().at(value, "state-dir of " + where + " is empty; give a directory or "
          + "remove it for the default");
    }
    return !dir.isBlank();
  }

  private Path defaultFor(String host) {
    String xdg = env.get("XDG_STATE_HOME");
    Path base = xdg != null && Path.of(xdg).isAbsolute()
        ? Path.of(xdg) : home().resolve(".local").resolve("state");
    return base.resolve("redis-fleet").resolve(host).toAbsolutePath().normalize();
  }

  private Path home() {
    String home = env.get("HOME");
    return Path.of(home != null && !home.isEmpty() ? home : System.getProperty("user.home"));
  }
}
