package io.redisfleet.controller.exec;

import io.redisfleet.controller.model.AgentReply;
import io.redisfleet.controller.model.ClusterState;
import io.redisfleet.controller.agentclient.AgentCallException;
import io.redisfleet.controller.model.FailoverMode;
import io.redisfleet.controller.plan.Reason;
import io.redisfleet.controller.plan.Step;
import io.redisfleet.controller.plan.StepVisitor;
import io.redisfleet.controller.agentclient.AgentClient;
import io.redisfleet.controller.model.Membership;
import io.redisfleet.controller.model.NodeRef;
import io.redisfleet.controller.model.ObservedNode;
import io.redisfleet.controller.model.Readiness;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.Optional;

/**
 * One agent call (or wait) per step type, as a {@link StepVisitor}: the compiler checks that every
 * step type has one. Each visit only chooses; the returned {@link Action} does the call.
 */
final class StepCalls implements StepVisitor<StepCalls.Action> {

  /** What a step did: whether it changed something, and the agent's detail. */
  record Outcome(boolean changed, String detail) {
    static Outcome of(AgentReply r) {
      return new Outcome(r.changed(), r.detail());
    }
  }

  /** What running a step does; chosen by the visit, run by {@link StepRunner}. */
  @FunctionalInterface
  interface Action {
    Outcome run() throws AgentCallException, StepFailure, InterruptedException;
  }

  private final Fleet fleet;
  private final Waiter waiter;
  private final AgentClient agent;
  private final int port;

  StepCalls(Fleet fleet, Waiter waiter, AgentClient agent, int port) {
    this.fleet = fleet;
    this.waiter = waiter;
    this.agent = agent;
    this.port = port;
  }

  public Action applyNode(Step.ApplyNode s) {
    return () -> {
      if (s.replicaOf().isPresent() && s.desired().membership() instanceof Membership.GroupReplica g) {
        NodeIdentity.confirm(fleet, g.master(), "starting " + s.node() + " as its replica");
      }
      boolean restart = s.reason().code() == Reason.Code.SERVER_UPGRADE
          || s.reason().code() == Reason.Code.RESTART_REQUESTED;
      return Outcome.of(restart ? agent.restartNode(s.desired(), s.replicaOf())
          : agent.applyNode(s.desired(), s.replicaOf()));
    };
  }

  public Action rotatePassword(Step.RotatePassword s) {
    return () -> Outcome.of(agent.rotatePassword(s.desired(), s.phase()));
  }

  public Action setConfigEpoch(Step.SetConfigEpoch s) {
    return () -> Outcome.of(agent.setConfigEpoch(port, s.epoch()));
  }

  public Action addSlots(Step.AddSlots s) {
    return () -> Outcome.of(agent.addSlots(port, s.ranges()));
  }

  public Action meet(Step.Meet s) {
    return () -> Outcome.of(agent.meet(port, s.address(), currentId(s.target())));
  }

  public Action migrateSlots(Step.MigrateSlots s) {
    return () -> Outcome.of(agent.migrateSlots(port, s.address(), s.ranges()));
  }

  public Action replicate(Step.Replicate s) {
    return () -> Outcome.of(agent.replicate(port, masterId(s)));
  }

  public Action forget(Step.Forget s) {
    return () -> Outcome.of(agent.forget(port, s.leavingId()));
  }

  public Action forgetStale(Step.ForgetStale s) {
    return () -> Outcome.of(agent.forget(port, s.staleId()));
  }

  public Action leaveCluster(Step.LeaveCluster s) {
    return () -> Outcome.of(agent.reset(port));
  }

  public Action replicaOf(Step.ReplicaOf s) {
    return () -> {
      NodeIdentity.confirm(fleet, s.master(), "pointing " + s.node() + " at it");
      return Outcome.of(agent.replicaOf(port, Optional.of(s.address())));
    };
  }

  public Action confirmMaster(Step.ConfirmMaster s) {
    return () -> {
      NodeIdentity.confirm(fleet, s.node(), "pointing replicas at it");
      return new Outcome(false, "the node redis-fleet runs");
    };
  }

  public Action handOverMaster(Step.HandOverMaster s) {
    return () -> {
      NodeIdentity.confirm(fleet, s.to(), "handing it the master role");
      return Outcome.of(agent.failoverTo(port, s.address(), s.timeout()));
    };
  }

  public Action fenceWrites(Step.FenceWrites s) {
    return () -> {
      NodeIdentity.confirm(fleet, s.to(), "fencing writes until it has them all");
      return Outcome.of(agent.fenceWrites(port, s.address(), s.timeout()));
    };
  }

  public Action promote(Step.Promote s) {
    return () -> Outcome.of(agent.replicaOf(port, Optional.empty()));
  }

  public Action liftFence(Step.LiftFence s) {
    return () -> Outcome.of(agent.liftFence(port));
  }

  public Action waitHandOver(Step.WaitHandOver s) {
    return () -> waited(List.of(s.node(), s.oldMaster()), s.timeout(), s.node() + " is master and "
        + s.oldMaster() + " its replica", Readiness.handedOver(s.node(), s.oldMaster()));
  }

  public Action removeReplica(Step.RemoveReplica s) {
    return () -> Outcome.of(agent.removeReplica(port));
  }

  public Action removeNode(Step.RemoveNode s) {
    return () -> Outcome.of(agent.remove(port, s.force()));
  }

  public Action failover(Step.Failover s) {
    return () -> Outcome.of(agent.failover(port, FailoverMode.COORDINATED));
  }

  public Action waitFailover(Step.WaitFailover s) {
    return () -> waited(List.of(s.node(), s.oldMaster()), s.timeout(), s.node() + " is master and "
        + s.oldMaster() + " its replica", Readiness.failedOver(s.node(), s.oldMaster()));
  }

  public Action waitClusterJoined(Step.WaitClusterJoined s) {
    return () -> waited(s.nodes(), s.timeout(), "every node knows every master", Readiness::mastersKnown);
  }

  public Action waitClusterReady(Step.WaitClusterReady s) {
    return () -> waited(s.nodes(), s.timeout(), "every node says cluster_state:ok", Readiness::ready);
  }

  public Action waitReplicasLinked(Step.WaitReplicasLinked s) {
    return () -> waited(s.replicas(), s.timeout(), "every replica link is up", Readiness::linked);
  }

  private Outcome waited(List<NodeRef> nodes, Duration timeout, String what,
      Function<Map<NodeRef, ObservedNode>, String> condition)
      throws StepFailure, InterruptedException {
    long start = System.nanoTime();
    waiter.await(what, nodes, timeout, condition);
    return new Outcome(false, "reached in " + Duration.ofNanos(System.nanoTime() - start).toMillis() + " ms");
  }

  private String masterId(Step.Replicate step) throws AgentCallException, StepFailure {
    ObservedNode master = fleet.observe(step.master());
    String id = master.cluster().map(ClusterState::myId).orElse("");
    if (!master.reachable() || id.isEmpty()) {
      throw new StepFailure("master " + step.master() + " did not report its cluster node id");
    }
    return id;
  }

  /**
   * The cluster id the node answers with now, or "" when it does not say: a meet then falls back
   * to the address check. A node replaced empty answers with a new id at its old address, which
   * the anchor may still list under the old id.
   */
  private String currentId(NodeRef node) {
    try {
      ObservedNode state = fleet.observe(node);
      return state.reachable() ? state.cluster().map(ClusterState::myId).orElse("") : "";
    } catch (AgentCallException e) {
      return "";
    }
  }
}
