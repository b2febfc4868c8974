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
    out.addAll(step.accept(OTHERS));
    return out;
  }

  /** The nodes beyond {@link Step#node()}; one case per step type, checked by the compiler. */
  private static final StepVisitor<List<NodeRef>> OTHERS = new StepVisitor<>() {
    public List<NodeRef> applyNode(Step.ApplyNode s) {
      // a replica started while its master's host failed would copy nothing good
      return s.desired().membership() instanceof Membership.GroupReplica r ? List.of(r.master()) : List.of();
    }

    public List<NodeRef> setConfigEpoch(Step.SetConfigEpoch s) {
      return List.of();
    }

    public List<NodeRef> addSlots(Step.AddSlots s) {
      return List.of();
    }

    public List<NodeRef> meet(Step.Meet s) {
      return List.of(s.target());
    }

    public List<NodeRef> migrateSlots(Step.MigrateSlots s) {
      return List.of(s.target());
    }

    public List<NodeRef> replicate(Step.Replicate s) {
      return List.of(s.master());
    }

    public List<NodeRef> forget(Step.Forget s) {
      return List.of(s.leaving());
    }

    public List<NodeRef> forgetStale(Step.ForgetStale s) {
      return List.of();
    }

    public List<NodeRef> leaveCluster(Step.LeaveCluster s) {
      return List.of();
    }

    public List<NodeRef> replicaOf(Step.ReplicaOf s) {
      return List.of(s.master());
    }

    public List<NodeRef> waitClusterJoined(Step.WaitClusterJoined s) {
      return s.nodes();
    }

    public List<NodeRef> waitClusterReady(Step.WaitClusterReady s) {
      return s.nodes();
    }

    public List<NodeRef> waitReplicasLinked(Step.WaitReplicasLinked s) {
      return s.replicas();
    }

    public List<NodeRef> failover(Step.Failover s) {
      return List.of();
    }

    public List<NodeRef> waitFailover(Step.WaitFailover s) {
      return List.of();
    }

    public List<NodeRef> removeNode(Step.RemoveNode s) {
      return List.of();
    }

    public List<NodeRef> rotatePassword(Step.RotatePassword s) {
      return List.of();
    }

    public List<NodeRef> handOverMaster(Step.HandOverMaster s) {
      return List.of(s.to());
    }

    public List<NodeRef> fenceWrites(Step.FenceWrites s) {
      return List.of(s.to());
    }

    public List<NodeRef> promote(Step.Promote s) {
      return List.of(s.from());
    }

    public List<NodeRef> liftFence(Step.LiftFence s) {
      return List.of();
    }

    public List<NodeRef> waitHandOver(Step.WaitHandOver s) {
      return List.of(s.oldMaster());
    }

    public List<NodeRef> confirmMaster(Step.ConfirmMaster s) {
      return List.of();
    }

    public List<NodeRef> removeReplica(Step.RemoveReplica s) {
      return List.of();
    }
  };

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
