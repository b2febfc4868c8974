package io.redisfleet.controller.inventory;

import io.redisfleet.controller.model.Directive;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A node's directives: the built-ins, then defaults.redis, then its cluster's or group's redis,
 * then its own. A layer that names a directive replaces every earlier occurrence of that name
 * (so {@code save} given as a list in a later layer replaces all earlier {@code save} lines); the
 * directive keeps the position where it first appeared.
 */
final class EffectiveDirectives {

  /**
   * Every node gets these unless the inventory says otherwise. This is the one place they live.
   *
   * <ul>
   *   <li>{@code repl-diskless-sync-delay 0}: a replica syncs at once instead of after Redis's
   *       default 5 s wait for more replicas, so replicas are up seconds sooner after apply.
   * </ul>
   */
  static final List<Directive> BUILT_IN = List.of(Directive.of("repl-diskless-sync-delay", "0"));

  private EffectiveDirectives() {}

  @SafeVarargs
  static List<Directive> merge(List<Directive>... layers) {
    Map<String, List<Directive>> byName = new LinkedHashMap<>();
    for (List<Directive> layer : layers) {
      Map<String, List<Directive>> own = new LinkedHashMap<>();
      for (Directive d : layer) {
        own.computeIfAbsent(d.name(), n -> new ArrayList<>()).add(d);
      }
      byName.putAll(own);
    }
    return byName.values().stream().flatMap(List::stream).toList();
  }
}
