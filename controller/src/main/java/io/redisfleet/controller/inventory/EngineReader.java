package io.redisfleet.controller.inventory;

import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import io.redisfleet.controller.model.Engine;
import io.redisfleet.controller.model.Engines;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code engine = redis | valkey} in {@code defaults}, a cluster or a group: which server its
 * nodes must run. Read from the root in one pass, so the cluster and group readers stay as
 * they are; their key checks only have to let {@code engine} through.
 */
final class EngineReader {

  private final Values values;

  EngineReader(Values values) {
    this.values = values;
  }

  Engines read(ConfigObject root) {
    Optional<Engine> fallback = object(root.get("defaults")).flatMap(d -> engine(d, "defaults"));
    return new Engines(fallback, scoped(root.get("clusters"), "clusters."),
        scoped(root.get("replication"), "replication."));
  }

  private Map<String, Engine> scoped(ConfigValue section, String prefix) {
    Map<String, Engine> out = new HashMap<>();
    object(section).ifPresent(s -> s.keySet().forEach(name ->
        object(s.get(name)).flatMap(o -> engine(o, prefix + name)).ifPresent(e -> out.put(name, e))));
    return out;
  }

  private Optional<Engine> engine(ConfigObject where, String path) {
    ConfigValue value = where.get("engine");
    if (value == null) {
      return Optional.empty();
    }
    Optional<String> name = values.string(value, path + ".engine"); // reports a value that is not a string
    Optional<Engine> engine = name.flatMap(Engine::ofWireName);
    if (name.isPresent() && engine.isEmpty()) {
      values.problems().at(value, path + ".engine must be redis or valkey, not \"" + Text.printable(name.get()) + "\"");
    }
    return engine;
  }

  private static Optional<ConfigObject> object(ConfigValue value) {
    return value instanceof ConfigObject o ? Optional.of(o) : Optional.empty();
  }
}
