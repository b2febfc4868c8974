package io.redisfleet.controller.inventory;

import com.typesafe.config.ConfigObject;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** The keys each level of the inventory knows; anything else is reported, with a suggestion. */
final class Keys {

  static final Set<String> TOP = Set.of("defaults", "hosts", "clusters", "replication", "controller",
      "unchecked-directives");
  static final Set<String> DEFAULTS = Set.of("redis", "engine");
  static final Set<String> HOST = Set.of("address", "agent", "agent-port", "labels", "state-dir", "state");
  static final Set<String> CLUSTER = Set.of("replicas", "redis", "nodes", "auth", "tls",
      "restore-spread", "engine");
  static final Set<String> GROUP = Set.of("master", "replicas", "redis", "auth", "tls", "engine");
  static final Set<String> NODE = Set.of("node", "redis");
  static final Set<String> CONTROLLER = Set.of("tls-dir", "pki-dir", "timeouts");
  static final Set<String> TIMEOUTS = Set.of("rpc", "cluster-join", "replica-sync");

  private Keys() {}

  /**
   * Reports every key of {@code object} not in {@code known}.
   *
   * @param where e.g. "in clusters.main" or "at the top level"
   */
  static void check(ConfigObject object, Set<String> known, String where, Problems problems) {
    for (String key : new TreeSet<>(object.keySet())) {
      if (!known.contains(key)) {
        String hint = Suggest.closest(key, known)
            .map(c -> " (did you mean \"" + c + "\"?)")
            .orElse("; the keys there are " + String.join(", ", new TreeSet<>(known)));
        problems.at(object.get(key), "unknown key \"" + Text.printable(key) + "\" " + where + hint);
      }
    }
  }

  /** Keys sorted, so that messages and directive order do not depend on hashing. */
  static List<String> sorted(ConfigObject object) {
    return List.copyOf(new TreeSet<>(object.keySet()));
  }
}
