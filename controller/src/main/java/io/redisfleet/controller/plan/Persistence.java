package io.redisfleet.controller.plan;

import io.redisfleet.controller.model.DesiredNode;
import io.redisfleet.controller.model.Directive;
import java.util.List;

/** Whether a node keeps its data across a restart, judged from its effective directives. */
final class Persistence {

  private Persistence() {}

  /**
   * True with {@code appendonly yes}, or with RDB save points (Redis' default when no
   * {@code save} is given: it then also saves on a clean shutdown). False only for
   * {@code appendonly no} together with {@code save ""}.
   */
  static boolean keepsData(DesiredNode node) {
    List<Directive> d = node.directives();
    boolean aof = d.stream().anyMatch(x -> x.name().equals("appendonly") && x.args().equals(List.of("yes")));
    List<Directive> saves = d.stream().filter(x -> x.name().equals("save")).toList();
    boolean rdb = saves.isEmpty() || saves.stream().anyMatch(x -> x.args().stream().anyMatch(a -> !a.isBlank()));
    return aof || rdb;
  }
}
