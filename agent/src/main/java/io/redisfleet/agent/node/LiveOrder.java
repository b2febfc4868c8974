package io.redisfleet.agent.node;

import io.redisfleet.agent.conf.ConfDiff;
import java.util.Comparator;
import java.util.List;

/**
 * The order live changes are sent in. A password change must not break replication: a node
 * first learns the password to use towards its master (masteruser, masterauth), and only then
 * demands a new one from its own clients (requirepass) — which also ends the agent's own login
 * with the old password, so nothing may come after it.
 */
final class LiveOrder {

  private LiveOrder() {}

  static List<ConfDiff.Change> sorted(List<ConfDiff.Change> changes) {
    return changes.stream().sorted(Comparator.comparingInt(LiveOrder::rank)).toList();
  }

  private static int rank(ConfDiff.Change change) {
    return switch (change.name()) {
      case "masteruser", "masterauth" -> 0;
      case "requirepass" -> 2;
      default -> 1;
    };
  }
}
