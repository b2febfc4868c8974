package io.redisfleet.controller.plan;

import io.redisfleet.controller.model.Inventory;
import io.redisfleet.controller.model.NodeDecl;
import io.redisfleet.controller.model.NodeRef;
import io.redisfleet.controller.model.ObservedNode;
import io.redisfleet.controller.model.Observation;
import io.redisfleet.controller.model.ReplicationGroup;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A replication group whose declared master is not the node holding the group's data: the
 * inventory moved the master. The data holder is the master the declared master replicates from,
 * or else the one master of the group's nodes (declared, or a dropped one a declared node still
 * replicates from) that holds keys. Its role is handed over, never taken by a restart.
 */
sealed interface MasterMove {

  /**
   * Hand {@code from}'s role to {@code to}.
   *
   * @param start {@code to} is not running: start it as a replica of {@code from} first
   * @param attached {@code to} already replicates from {@code from}
   */
  record Handover(NodeRef from, NodeRef to, boolean start, boolean attached) implements MasterMove {}

  /** A move that would lose data or cannot be coordinated; nothing of the group is changed. */
  record Refused(String why) implements MasterMove {}

  static Optional<MasterMove> find(ReplicationGroup group, Inventory inventory, Observation observation,
      PlanOptions options) {
    NodeRef to = group.master().ref();
    Optional<ObservedNode> target = observation.node(to).filter(MasterMove::ours);
    if (target.isPresent() && target.get().isReplica()) {
      return fromMasterOf(target.get(), inventory, observation, options);
    }
    List<ObservedNode> holders = Stream.concat(
            group.replicas().stream().map(NodeDecl::ref).map(observation::node).flatMap(Optional::stream),
            replicatedFrom(group, inventory, observation))
        .filter(MasterMove::ours).filter(n -> !n.isReplica() && n.keys() > 0 && !n.ref().equals(to))
        .distinct().toList();
    if (holders.isEmpty()) {
      return Optional.empty();
    }
    if (holders.size() > 1) {
      return options.force() ? Optional.empty() : refused("several masters hold keys: " + holders.stream().map(n -> n.ref() + " (" + n.keys() + ")").toList()
          + "; one of them would lose its keys; empty all but one first");
    }
    ObservedNode from = holders.get(0);
    if (target.isPresent() && target.get().keys() > 0) {
      return options.force() ? Optional.empty() : refused(to + " (the declared master) and " + from.ref() + " both hold keys as masters; joining them would"
          + " drop the keys of one; empty one first (or apply --force: " + from.ref() + " then copies " + to + ")");
    }
    return Optional.of(new Handover(from.ref(), to, target.isEmpty(), false));
  }

  /** The declared master is still a replica: its master hands over, if redis-fleet runs it and it is up. */
  private static Optional<MasterMove> fromMasterOf(ObservedNode target, Inventory inventory, Observation observation,
      PlanOptions options) {
    String address = target.master().orElse("?");
    Optional<ObservedNode> from = Orphans.at(inventory, observation, address);
    if (from.isPresent() && ours(from.get()) && !from.get().isReplica()) {
      return Optional.of(new Handover(from.get().ref(), target.ref(), false, target.linkUp()));
    }
    if (options.force()) {
      return Optional.empty(); // promoted as it is (REPLICAOF NO ONE): writes it has not received are lost
    }
    String what = from.isEmpty() ? "no agent of this inventory runs it"
        : !ours(from.get()) ? "it is down or not a node redis-fleet runs" : "it is itself a replica";
    return refused(target.ref() + " is to be master but replicates from " + address + ", and " + what + "; promoting "
        + target.ref() + " without a handover could lose writes it has not received (apply --force promotes it anyway)");
  }

  /** Masters outside the declared ones that declared nodes replicate from (a dropped old master). */
  private static Stream<ObservedNode> replicatedFrom(ReplicationGroup group, Inventory inventory, Observation observation) {
    return Stream.concat(Stream.of(group.master()), group.replicas().stream()).map(NodeDecl::ref)
        .map(observation::node).flatMap(Optional::stream)
        .map(n -> n.master().orElse(null)).filter(Objects::nonNull).distinct()
        .map(a -> Orphans.at(inventory, observation, a)).flatMap(Optional::stream);
  }

  /** The node is the one redis-fleet runs there, and it answers. */
  static boolean ours(ObservedNode node) {
    return node.managed() && node.running() && node.reachable();
  }

  private static Optional<MasterMove> refused(String why) {
    return Optional.of(new Refused(why));
  }
}
