package io.redisfleet.controller.plan;

import io.redisfleet.controller.model.Endpoint;
import io.redisfleet.controller.model.Inventory;
import io.redisfleet.controller.model.NodeDecl;
import io.redisfleet.controller.model.NodeRef;
import io.redisfleet.controller.model.ObservedNode;
import io.redisfleet.controller.model.Observation;
import io.redisfleet.controller.model.ReplicationGroup;
import io.redisfleet.controller.plan.Reason.Code;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Steps for a master/replica group. Replicas carry {@code replicaof} in their conf, so a node
 * started by its apply-node step links by itself; a running replica pointing elsewhere is
 * re-pointed, unless it holds keys as a master (REPLICAOF would drop them; --force allows it).
 * A group whose declared master does not hold its data gets a handover instead (see
 * {@link MasterMove}, {@link GroupHandover}), and nothing else this round.
 */
final class GroupPlanner {

  private GroupPlanner() {}

  static void plan(ReplicationGroup group, Inventory inventory, Observation observation, Optional<MasterMove> move,
      PlanOptions options, PlanBuilder out) {
    String scope = "group " + group.name();
    Problem.Scope where = Problem.Scope.group(group.name());
    if (move.isPresent() && move.get() instanceof MasterMove.Refused refused) {
      out.problem(where, Problem.Code.REFUSED, refused.why() + "; nothing of the group changed");
      return;
    }
    if (move.isPresent() && move.get() instanceof MasterMove.Handover handover) {
      GroupHandover.plan(group, handover, inventory, out);
      return;
    }
    if (move.isPresent() && move.get() instanceof MasterMove.Repoint repoint) {
      GroupHandover.plan(group, repoint, inventory, out);
      return;
    }
    NodeRef master = group.master().ref();
    Optional<ObservedNode> fenced = observation.node(master).filter(ObservedNode::fenced);
    if (fenced.isPresent()) {
      // the data holder, fenced by a handover without FAILOVER that the inventory no longer asks for
      out.step(new Step.LiftFence(group.name(), master, Reason.of(Code.MASTER_MOVE,
          "its writes were fenced for a handover the inventory no longer asks for")));
    }
    Endpoint address = new Endpoint(inventory.addressOf(master), master.port());
    List<NodeRef> waitFor = new ArrayList<>();
    boolean changing = false;
    // A node its host's server refuses (NodePlanner names why) is not started: its link is not waited for,
    // and no replica's is while the master is refused (a wait for them would only time out).
    boolean masterRefused = refused(master, inventory, observation);
    for (NodeDecl decl : group.replicas()) {
      NodeRef ref = decl.ref();
      if (!observation.hostReachable(ref.host()) || !observation.hostReachable(master.host())) {
        out.problem(where, Problem.Code.HOST_UNREACHABLE, "not planned: host of " + ref + " or " + master + " did not answer");
        return;
      }
      if (masterRefused || refused(ref, inventory, observation)) {
        continue;
      }
      Optional<ObservedNode> node = observation.node(ref).filter(n -> n.running() && n.reachable());
      boolean starting = node.isEmpty() || node.get().drift().changed();
      if (!starting && !pointsAt(node.get(), address)) {
        if (!node.get().isReplica() && node.get().keys() > 0 && !options.force()) {
          out.problem(where, Problem.Code.HOLDS_KEYS, ref + " is a master holding " + node.get().keys()
              + " keys; REPLICAOF " + address + " would drop them; empty it first (or apply --force)");
          continue;
        }
        out.step(new Step.ReplicaOf(group.name(), ref, master, address,
            Reason.of(Code.REPLICA_WRONG_MASTER, "replicates " + node.get().master().orElse("nothing"))));
        changing = true;
      }
      changing |= starting;
      if (starting || !node.get().linkUp() || changing) {
        waitFor.add(ref);
      }
    }
    if (!waitFor.isEmpty()) {
      out.step(new Step.WaitReplicasLinked(scope, waitFor, inventory.timeouts().replicaSync(),
          Reason.of(Code.AWAIT_CONVERGENCE, "replicas must be in sync")));
    }
  }

  private static boolean refused(NodeRef ref, Inventory inventory, Observation observation) {
    return inventory.desiredNodes().stream().filter(d -> d.ref().equals(ref)).findFirst()
        .flatMap(d -> ServerChecks.refusal(d, observation)).isPresent();
  }

  private static boolean pointsAt(ObservedNode node, Endpoint address) {
    return node.isReplica() && node.master().map(m -> m.equals(address.toString())).orElse(false);
  }
}
