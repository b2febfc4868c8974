package io.redisfleet.controller.plan;

import io.redisfleet.controller.model.DesiredNode;
import io.redisfleet.controller.model.Endpoint;
import io.redisfleet.controller.model.Inventory;
import io.redisfleet.controller.model.Membership;
import io.redisfleet.controller.model.NodeRef;
import io.redisfleet.controller.model.ReplicationGroup;
import io.redisfleet.controller.plan.Reason.Code;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The steps of a master move: the new master first holds the data (started, or pointed, as a
 * replica of the current master, then in sync), then the current master hands its role over with
 * FAILOVER TO, and the members' confs follow in the next round, when each node already runs as
 * its new conf says (the agent then only rewrites the conf: no restart, nothing emptied). Where the
 * current master's server has no FAILOVER (Redis before 6.2) the controller does what FAILOVER does,
 * in steps each safe to repeat: fence its writes until the new master has them all, promote the new
 * master, re-point the old one (see {@link MasterMove} for an apply killed in between).
 */
final class GroupHandover {

  /**
   * How long the old master pauses writes for the new one to catch up; Redis aborts the handover
   * after it (nothing lost, the old master goes on) and the wait below reports it.
   */
  static final Duration PAUSE = Duration.ofSeconds(10);

  private GroupHandover() {}

  static void plan(ReplicationGroup group, MasterMove.Handover move, Inventory inventory, PlanBuilder out) {
    String g = group.name();
    NodeRef from = move.from();
    NodeRef to = move.to();
    Endpoint fromAddress = new Endpoint(inventory.addressOf(from), from.port());
    if (move.start()) {
      DesiredNode declared = inventory.desiredNodes().stream().filter(d -> d.ref().equals(to)).findFirst().orElseThrow();
      DesiredNode asReplica = new DesiredNode(to, new Membership.GroupReplica(g, from), declared.directives(),
          declared.auth(), declared.tls());
      out.step(new Step.ApplyNode(asReplica, Optional.of(fromAddress), Reason.of(Code.MASTER_MOVE,
          "new master: starts as a replica of " + from + " to copy its data before it takes over")));
    } else if (!move.attached()) {
      out.step(new Step.ReplicaOf(g, to, from, fromAddress, Reason.of(Code.MASTER_MOVE,
          "new master, holding no keys: copies the data of " + from + " before it takes over")));
    }
    out.step(new Step.WaitReplicasLinked("group " + g, List.of(to), inventory.timeouts().replicaSync(),
        Reason.of(Code.AWAIT_CONVERGENCE, to + " must hold the data of " + from)));
    Endpoint toAddress = new Endpoint(inventory.addressOf(to), to.port());
    Reason why = Reason.of(Code.MASTER_MOVE, "the inventory names " + to + " master; " + from + " holds the data");
    if (move.fence()) {
      out.step(new Step.FenceWrites(g, from, to, toAddress, PAUSE, why));
      out.step(new Step.Promote(g, to, from, why));
      repoint(g, from, to, toAddress, inventory, out);
      return;
    }
    out.step(new Step.HandOverMaster(g, from, to, toAddress, PAUSE, why));
    out.step(new Step.WaitHandOver(g, to, from, inventory.timeouts().replicaSync(),
        Reason.of(Code.AWAIT_CONVERGENCE, "roles swapped")));
    out.defer("group " + g + ": the members' confs follow once " + to + " is master");
  }

  /** The last step of a handover without FAILOVER, alone when an apply was killed right before it. */
  static void plan(ReplicationGroup group, MasterMove.Repoint move, Inventory inventory, PlanBuilder out) {
    NodeRef to = move.to();
    repoint(group.name(), move.from(), to, new Endpoint(inventory.addressOf(to), to.port()), inventory, out);
  }

  private static void repoint(String g, NodeRef from, NodeRef to, Endpoint toAddress, Inventory inventory,
      PlanBuilder out) {
    out.step(new Step.ReplicaOf(g, from, to, toAddress, Reason.of(Code.MASTER_MOVE, "the old master follows "
        + to + ", which has all its writes (this lifts its write fence)")));
    out.step(new Step.WaitHandOver(g, to, from, inventory.timeouts().replicaSync(),
        Reason.of(Code.AWAIT_CONVERGENCE, "roles swapped")));
    out.defer("group " + g + ": the members' confs follow once " + to + " is master");
  }
}
