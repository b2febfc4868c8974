package io.redisfleet.controller.plan;

import io.redisfleet.controller.model.ConfDrift.PasswordState;
import io.redisfleet.controller.model.DesiredNode;
import io.redisfleet.controller.model.Inventory;
import io.redisfleet.controller.model.Membership;
import io.redisfleet.controller.model.ObservedNode;
import io.redisfleet.controller.model.Observation;
import io.redisfleet.controller.model.PasswordPhase;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A password change across a cluster or replication group, planned so that replication never
 * breaks and clients may use either password meanwhile:
 * <ol>
 *   <li>every node also accepts the new password (old one still accepted);</li>
 *   <li>every node authenticates to its master with the new one (masters all accept it now);</li>
 *   <li>the plain apply-node of {@link NodePlanner} then drops the old password everywhere.</li>
 * </ol>
 * Each phase is a distinct step kind, so the executor finishes it on every node before the next.
 * A scope with a node on an unreachable host is not rotated: a master there might not accept the
 * new password yet.
 */
final class PasswordRotation {

  private PasswordRotation() {}

  static void plan(Inventory inventory, Observation observation, PlanBuilder out) {
    Map<String, List<DesiredNode>> scopes = new LinkedHashMap<>();
    for (DesiredNode node : inventory.desiredNodes()) {
      if (node.auth().isPresent()) {
        scopes.computeIfAbsent(scope(node.membership()), k -> new ArrayList<>()).add(node);
      }
    }
    List<Step> accept = new ArrayList<>();
    List<Step> switched = new ArrayList<>();
    scopes.forEach((scope, nodes) -> {
      boolean rotating = nodes.stream().anyMatch(n -> state(observation, n).rotating());
      if (!rotating) {
        return;
      }
      Optional<DesiredNode> unseen = nodes.stream()
          .filter(n -> !observation.hostReachable(n.ref().host())).findFirst();
      if (unseen.isPresent()) {
        out.problem(Problem.Scope.of(nodes.get(0).membership()), Problem.Code.HOST_UNREACHABLE, "password change not started: host of " + unseen.get().ref()
            + " did not answer, and its nodes must accept the new password first");
        return;
      }
      Reason why = Reason.of(Reason.Code.PASSWORD_ROTATION, "password changed");
      for (DesiredNode n : nodes) {
        PasswordState state = state(observation, n);
        if (state.acceptPending()) {
          accept.add(new Step.RotatePassword(scope, n, PasswordPhase.ACCEPT_NEW, why));
        }
        if (state.switchPending()) {
          switched.add(new Step.RotatePassword(scope, n, PasswordPhase.SWITCH_MASTERAUTH, why));
        }
      }
    });
    // No node may authenticate to its master with the new password before every node accepts it.
    accept.forEach(out::step);
    out.barrier();
    switched.forEach(out::step);
  }

  private static PasswordState state(Observation observation, DesiredNode node) {
    return observation.node(node.ref()).map(ObservedNode::drift).map(d -> d.password())
        .orElse(PasswordState.CURRENT);
  }

  private static String scope(Membership membership) {
    if (membership instanceof Membership.ClusterMember c) {
      return "cluster " + c.cluster();
    }
    if (membership instanceof Membership.GroupMaster g) {
      return "group " + g.group();
    }
    return "group " + ((Membership.GroupReplica) membership).group();
  }
}
