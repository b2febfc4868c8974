package io.redisfleet.controller.plan;

import io.redisfleet.controller.model.ClusterNodeView;
import io.redisfleet.controller.model.Inventory;
import io.redisfleet.controller.model.NodeRef;
import io.redisfleet.controller.model.Observation;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * A cluster planned while some of its hosts do not answer. The rule: a step may act on, move slots
 * to or from, or wait for only members whose host answered; everything that needs an absent member
 * is deferred with the reason, and the rest of the cluster is planned as if the absent members were
 * as their peers last saw them (their ids, roles and slots from the live members' views), so the
 * layout does not change because a host is away. Deferred outright while a host is away: slots
 * nobody serves (an absent node may claim them), and, when an absent master still serves slots a
 * live member sees it failing for, everything that needs {@code cluster_state:ok} (slot moves, a
 * scale in's forgets, the final wait): the cluster cannot be ok until it answers or is failed over.
 */
final class Partial {

  private final ClusterMembers members;
  private final Inventory inventory;
  private final Observation observation;
  private final String scope;

  Partial(ClusterMembers members, Inventory inventory, Observation observation, String scope) {
    this.members = members;
    this.inventory = inventory;
    this.observation = observation;
    this.scope = scope;
  }

  boolean incomplete() {
    return !members.absent().isEmpty();
  }

  boolean reachable(NodeRef ref) {
    return !members.absent().contains(ref);
  }

  List<NodeRef> absent() {
    return members.absent();
  }

  /** The hosts that did not answer, for messages: "host c" or "hosts c, d". */
  String hosts() {
    TreeSet<String> hosts = new TreeSet<>();
    members.absent().forEach(r -> hosts.add(r.host()));
    return (hosts.size() == 1 ? "host " : "hosts ") + String.join(", ", hosts);
  }

  /** One deferred line naming the absent members, when there are any. */
  void announce(PlanBuilder out) {
    if (incomplete()) {
      out.defer(scope + ": " + members.absent() + " on " + hosts() + ", which did not answer: nothing acts on or"
          + " waits for them until they answer");
    }
  }

  /**
   * True when an absent master still serves slots and a live member sees it failing: the
   * cluster cannot say ok without it, so nothing that waits for ok is planned.
   */
  boolean unservable() {
    return members.absent().stream().map(members::absentSeen).flatMap(Optional::stream)
        .filter(ClusterNodeView::isMaster)
        .anyMatch(line -> line.slotCount() > 0 && line.failing());
  }

  /**
   * The leaving nodes an agent can act on; a leaving node at the address of a host that did not
   * answer (its agent would have to stop it) leaves once that host answers (deferred here).
   */
  List<LeavingNodes.Leaving> withoutUnreachable(List<LeavingNodes.Leaving> leaving, PlanBuilder out) {
    List<LeavingNodes.Leaving> kept = new ArrayList<>();
    for (LeavingNodes.Leaving l : leaving) {
      String address = l.address().substring(0, l.address().lastIndexOf(':'));
      Optional<String> away = inventory.hosts().values().stream()
          .filter(h -> h.address().equals(address) && !observation.hostReachable(h.name()))
          .map(h -> h.name()).findFirst();
      if (l.ref().isEmpty() && away.isPresent()) {
        out.defer(scope + ": " + l.address() + " leaves the cluster once host " + away.get() + " answers");
      } else {
        kept.add(l);
      }
    }
    return kept;
  }
}
