package io.redisfleet.controller.plan;

import io.redisfleet.controller.model.DesiredNode;
import io.redisfleet.controller.model.Inventory;
import io.redisfleet.controller.model.Membership;
import io.redisfleet.controller.model.NodeRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which nodes a step involves beyond the one it acts on: a meet's target, a replica's master,
 * every node a wait watches. A step is only run when every host it involves may be changed and
 * has not failed: a meet to a host that failed would only spread the failure.
 */
public final class StepHosts {

  private StepHosts() {}

  public static List<NodeRef> nodes(Step step) {
    List<NodeRef> out = new ArrayList<>();
    out.add(step.node());
    if (step instanceof Step.Meet s) {
      out.add(s.target());
    } else if (step instanceof Step.MigrateSlots s) {
      out.add(s.target());
    } else if (step instanceof Step.Forget s) {
      out.add(s.leaving());
    } else if (step instanceof Step.Replicate s) {
      out.add(s.master());
    } else if (step instanceof Step.ReplicaOf s) {
      out.add(s.master());
    } else if (step instanceof Step.ApplyNode s && s.desired().membership() instanceof Membership.GroupReplica r) {
      out.add(r.master()); // a replica started while its master's host failed would copy nothing good
    } else if (step instanceof Step.HandOverMaster s) {
      out.add(s.to());
    } else if (step instanceof Step.WaitHandOver s) {
      out.add(s.oldMaster());
    } else if (step instanceof Step.WaitClusterJoined s) {
      out.addAll(s.nodes());
    } else if (step instanceof Step.WaitClusterReady s) {
      out.addAll(s.nodes());
    } else if (step instanceof Step.WaitReplicasLinked s) {
      out.addAll(s.replicas());
    }
    return out;
  }

  public static Set<String> hosts(Step step) {
    Set<String> hosts = new TreeSet<>();
    nodes(step).forEach(n -> hosts.add(n.host()));
    return hosts;
  }

  /**
   * As {@link #hosts(Step)}, plus what the inventory knows a wait for replica links depends on:
   * a group replica's master, and every node of a cluster replica's cluster (its master is only
   * known at run time). A link to a master on a failed host can never come up.
   */
  public static Set<String> hosts(Step step, Inventory inventory) {
    Set<String> hosts = hosts(step);
    if (step instanceof Step.WaitReplicasLinked w) {
      for (DesiredNode d : inventory.desiredNodes()) {
        if (!w.replicas().contains(d.ref())) {
          continue;
        }
        if (d.membership() instanceof Membership.GroupReplica r) {
          hosts.add(r.master().host());
        } else if (d.membership() instanceof Membership.ClusterMember c) {
          inventory.desiredNodes().stream().filter(x -> x.membership().equals(c)).forEach(x -> hosts.add(x.ref().host()));
        }
      }
    }
    return hosts;
  }

  /** Steps that take a node out of service for a moment: a restart or a removal. */
  public static boolean disruptive(Step step) {
    return step instanceof Step.RemoveNode
        || step instanceof Step.ApplyNode a && a.reason().code() == Reason.Code.CONF_CHANGED_RESTART;
  }
}
