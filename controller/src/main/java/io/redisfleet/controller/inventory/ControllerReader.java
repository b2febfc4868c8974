package io.redisfleet.controller.inventory;

import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import io.redisfleet.controller.model.Timeouts;
import java.time.Duration;
import java.util.Optional;

/** Reads {@code controller { tls-dir = "...", pki-dir = "...", timeouts { rpc = 30s, ... } }}. */
final class ControllerReader {

  /** What the controller section holds. */
  record Settings(Optional<String> tlsDir, Timeouts timeouts, Optional<String> pkiDir,
      Optional<ConfigValue> pkiDirAt) {}

  private final Values values;
  private final InventoryPaths paths;

  ControllerReader(Values values, InventoryPaths paths) {
    this.values = values;
    this.paths = paths;
  }

  Settings read(ConfigValue value) {
    Optional<ConfigObject> object = value == null ? Optional.empty()
        : values.object(value, "controller", "{ tls-dir = \"/etc/redis-fleet/controller-tls\" }");
    if (object.isEmpty()) {
      return new Settings(Optional.empty(), Timeouts.DEFAULT, Optional.empty(), Optional.empty());
    }
    ConfigObject o = object.get();
    Keys.check(o, Keys.CONTROLLER, "in controller", values.problems());
    return new Settings(tlsDir(o.get("tls-dir")), timeouts(o.get("timeouts")), pkiDir(o.get("pki-dir")),
        Optional.ofNullable(o.get("pki-dir")));
  }

  /** The fleet CA's directory (controller pki init), absolute; Redis node certificates come from it. */
  private Optional<String> pkiDir(ConfigValue value) {
    Optional<String> dir = value == null ? Optional.empty() : values.string(value, "pki-dir of controller");
    if (dir.isPresent() && dir.get().isBlank()) {
      values.problems().at(value, "pki-dir of controller is empty; give the directory of controller pki init "
          + "(holding ca.crt and ca.key), or remove it");
      return Optional.empty();
    }
    return dir.map(d -> paths.resolve(d).toString());
  }

  /** Absolute; a relative tls-dir is taken from the inventory file's directory. */
  private Optional<String> tlsDir(ConfigValue value) {
    Optional<String> dir = value == null ? Optional.empty()
        : values.string(value, "tls-dir of controller");
    if (dir.isPresent() && dir.get().isBlank()) {
      values.problems().at(value, "tls-dir of controller is empty; give the directory holding "
          + "ca.crt, controller.crt and controller.key, or remove it");
      return Optional.empty();
    }
    return dir.map(d -> paths.resolve(d).toString());
  }

  private Timeouts timeouts(ConfigValue value) {
    Optional<ConfigObject> object = value == null ? Optional.empty()
        : values.object(value, "controller.timeouts", "{ rpc = 30s, cluster-join = 60s }");
    if (object.isEmpty()) {
      return Timeouts.DEFAULT;
    }
    ConfigObject o = object.get();
    Keys.check(o, Keys.TIMEOUTS, "in controller.timeouts", values.problems());
    return new Timeouts(
        duration(o, "rpc", Timeouts.DEFAULT.rpc()),
        duration(o, "cluster-join", Timeouts.DEFAULT.clusterJoin()),
        duration(o, "replica-sync", Timeouts.DEFAULT.replicaSync()));
  }

  private Duration duration(ConfigObject o, String key, Duration fallback) {
    return Optional.ofNullable(o.get(key))
        .flatMap(v -> values.duration(v, "controller.timeouts." + key))
        .orElse(fallback);
  }
}
