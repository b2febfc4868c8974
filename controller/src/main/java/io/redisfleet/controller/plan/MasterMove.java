package io.redisfleet.controller.plan;

import io.redisfleet.controller.model.Inventory;
import io.redisfleet.controller.model.Lineage;
import io.redisfleet.controller.model.ServerVersion;
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
 *
 * <p>On a server without FAILOVER (Redis before 6.2) the handover is the controller's own: the old
 * master's writes are fenced until the new one has them all, the new one is promoted, the old one
 * re-pointed. An apply killed between those leaves a fenced master, maybe beside the promoted one;
 * a fenced master that a master of the group carries on from ({@link Lineage#continues}) holds
 * nothing that master lacks, so it is re-pointed ({@link Repoint}), or, when the inventory names it
 * master again, it is the one that copies ({@link Handover} from that master).
 */
sealed interface MasterMove {

  /**
   * Hand {@code from}'s role to {@code to}.
   *
   * @param start {@code to} is not running: start it as a replica of {@code from} first
   * @param attached {@code to} already replicates from {@code from}
   * @param fence {@code from}'s server has no FAILOVER (or a handover without it was begun): fence
   *     its writes, promote {@code to}, re-point {@code from}
   */
  record Handover(NodeRef from, NodeRef to, boolean start, boolean attached, boolean fence) implements MasterMove {}

  /**
   * {@code to}, the declared master, was promoted from the fenced {@code from} by a handover killed
   * before its last step: {@code from} follows it now (which lifts its fence).
   */
  record Repoint(NodeRef from, NodeRef to) implements MasterMove {}

  /** A move that would lose data or cannot be coordinated; nothing of the group is changed. */
  record Refused(String why) implements MasterMove {}

  static Optional<MasterMove> find(ReplicationGroup group, Inventory inventory, Observation observation,
      PlanOptions options) {
    NodeRef to = group.master().ref();
    Optional<ObservedNode> target = observation.node(to).filter(MasterMove::ours);
    if (target.isPresent() && target.get().isReplica()) {
      return fromMasterOf(target.get(), inventory, observation, options);
    }
    List<ObservedNode> masters = Stream.concat(
            group.replicas().stream().map(NodeDecl::ref).map(observation::node).flatMap(Optional::stream),
            replicatedFrom(group, inventory, observation))
        .filter(MasterMove::ours).filter(n -> !n.isReplica() && n.keys() > 0 && !n.ref().equals(to))
        .distinct().toList();
    Optional<ObservedNode> superseded = target.flatMap(t -> masters.stream()
        .filter(m -> m.fenced() && t.isMaster() && t.lineage().continues(m.lineage())).findFirst());
    if (superseded.isPresent()) {
      return Optional.of(new Repoint(superseded.get().ref(), to));
    }
    List<ObservedNode> holders = masters; // none of them superseded (that is a Repoint, above)
    if (holders.isEmpty()) {
      return Optional.empty();
    }
    if (holders.size() > 1) {
      return options.force() ? Optional.empty() : refused("several masters hold keys: " + holders.stream().map(n -> n.ref() + " (" + n.keys() + ")").toList()
          + "; one of them would lose its keys; empty all but one first");
    }
    ObservedNode from = holders.get(0);
    // a fenced declared master that from carries on from holds nothing from lacks: it copies from
    boolean targetSuperseded = target.isPresent() && target.get().fenced() && from.lineage().continues(target.get().lineage());
    if (target.isPresent() && target.get().keys() > 0 && !targetSuperseded) {
      return options.force() ? Optional.empty() : refused(to + " (the declared master) and " + from.ref() + " both hold keys as masters; joining them would"
          + " drop the keys of one; empty one first (or apply --force: " + from.ref() + " then copies " + to + ")");
    }
    return Optional.of(new Handover(from.ref(), to, target.isEmpty(), false, withoutFailover(from, observation)));
  }

  /** The declared master is still a replica: its master hands over, if redis-fleet runs it and it is up. */
  private static Optional<MasterMove> fromMasterOf(ObservedNode target, Inventory inventory, Observation observation,
      PlanOptions options) {
    String address = target.master().orElse("?");
    Optional<ObservedNode> from = Orphans.at(inventory, observation, address);
    if (from.isPresent() && ours(from.get()) && !from.get().isReplica()) {
      return Optional.of(new Handover(from.get().ref(), target.ref(), false, target.linkUp(),
          withoutFailover(from.get(), observation)));
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

  /** The handover from {@code from} fences, promotes and re-points: no FAILOVER there, or a fence already up. */
  private static boolean withoutFailover(ObservedNode from, Observation observation) {
    return from.fenced() || observation.running(from.ref()).map(ServerVersion::lacksFailover).orElse(false);
  }

  /** The node is the one redis-fleet runs there, and it answers. */
  static boolean ours(ObservedNode node) {
    return node.managed() && node.running() && node.reachable();
  }

  private static Optional<MasterMove> refused(String why) {
    return Optional.of(new Refused(why));
  }
}
