package io.redisfleet.controller.exec;

import io.redisfleet.agent.v1.ApplyNodeResponse;
import io.redisfleet.agent.v1.PasswordRotation;
import io.redisfleet.agent.v1.ClusterOpResponse;
import io.redisfleet.agent.v1.NodeState;
import io.redisfleet.agent.v1.RemoveNodeResponse;
import io.redisfleet.controller.agentclient.AgentCallException;
import io.redisfleet.controller.agentclient.Protos;
import io.redisfleet.controller.plan.Reason;
import io.redisfleet.controller.plan.Step;
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

/** Runs one step against the agents. The agent re-checks state, so each call is idempotent. */
final class StepRunner {

  private final Fleet fleet;
  private final Waiter waiter;
  private final StepGuard guard;

  StepRunner(Fleet fleet) {
    this.fleet = fleet;
    this.waiter = new Waiter(fleet);
    this.guard = new StepGuard(fleet);
  }

  StepResult run(Step step) throws InterruptedException {
    long start = System.nanoTime();
    try {
      Outcome outcome = execute(step);
      return new StepResult.Done(step, outcome.changed(), outcome.detail(), since(start));
    } catch (AgentCallException | StepFailure e) {
      return new StepResult.Failed(step, step.kind() + " " + step.node() + ": " + e.getMessage(), since(start));
    }
  }

  private record Outcome(boolean changed, String detail) {
    static Outcome of(ClusterOpResponse r) {
      return new Outcome(r.getChanged(), r.getDetail());
    }
  }

  private Outcome execute(Step step) throws AgentCallException, StepFailure, InterruptedException {
    guard.check(step);
    AgentClient agent = fleet.agent(step.node().host()).forStep(step.kind());
    int port = step.node().port();
    if (step instanceof Step.ApplyNode s) {
      if (s.replicaOf().isPresent() && s.desired().membership() instanceof Membership.GroupReplica g) {
        NodeIdentity.confirm(fleet, g.master(), "starting " + s.node() + " as its replica");
      }
      var spec = Protos.nodeSpec(s.desired(), s.replicaOf());
      ApplyNodeResponse r = s.reason().code() == Reason.Code.SERVER_UPGRADE
          || s.reason().code() == Reason.Code.RESTART_REQUESTED ? agent.restartNode(spec) : agent.applyNode(spec, false);
      return new Outcome(r.getChanged(), r.getDetail() + (r.getPid() > 0 ? " (pid " + r.getPid() + ")" : ""));
    } else if (step instanceof Step.RotatePassword s) {
      ApplyNodeResponse r = agent.applyNode(Protos.rotationSpec(s.desired(),
          s.phase() == Step.RotatePassword.Phase.ACCEPT_NEW ? PasswordRotation.ROTATION_ACCEPT_NEW
              : PasswordRotation.ROTATION_SWITCH_MASTERAUTH), false);
      return new Outcome(r.getChanged(), r.getDetail());
    } else if (step instanceof Step.SetConfigEpoch s) {
      return Outcome.of(agent.setConfigEpoch(port, s.epoch()));
    } else if (step instanceof Step.AddSlots s) {
      return Outcome.of(agent.addSlots(port, s.ranges()));
    } else if (step instanceof Step.Meet s) {
      return Outcome.of(agent.meet(port, s.address(), currentId(s.target())));
    } else if (step instanceof Step.MigrateSlots s) {
      var r = agent.migrateSlots(port, s.address(), s.ranges());
      return new Outcome(r.getChanged(), r.getDetail());
    } else if (step instanceof Step.Replicate s) {
      return Outcome.of(agent.replicate(port, masterId(s)));
    } else if (step instanceof Step.Forget s) {
      return Outcome.of(agent.forget(port, s.leavingId()));
    } else if (step instanceof Step.ForgetStale s) {
      return Outcome.of(agent.forget(port, s.staleId()));
    } else if (step instanceof Step.LeaveCluster s) {
      return Outcome.of(agent.reset(port));
    } else if (step instanceof Step.ReplicaOf s) {
      NodeIdentity.confirm(fleet, s.master(), "pointing " + s.node() + " at it");
      return Outcome.of(agent.replicaOf(port, Optional.of(s.address())));
    } else if (step instanceof Step.ConfirmMaster s) {
      NodeIdentity.confirm(fleet, s.node(), "pointing replicas at it");
      return new Outcome(false, "the node redis-fleet runs");
    } else if (step instanceof Step.HandOverMaster s) {
      NodeIdentity.confirm(fleet, s.to(), "handing it the master role");
      return Outcome.of(agent.failoverTo(port, s.address(), s.timeout()));
    } else if (step instanceof Step.WaitHandOver s) {
      return waited(List.of(s.node(), s.oldMaster()), s.timeout(), s.node() + " is master and " + s.oldMaster()
          + " its replica", Readiness.handedOver(s.node(), s.oldMaster()));
    } else if (step instanceof Step.RemoveReplica s) {
      RemoveNodeResponse r = agent.removeReplica(port);
      return new Outcome(r.getChanged(), r.getDetail());
    } else if (step instanceof Step.RemoveNode s) {
      RemoveNodeResponse r = agent.remove(port, s.force());
      return new Outcome(r.getChanged(), r.getDetail());
    } else if (step instanceof Step.Failover s) {
      return Outcome.of(agent.failover(port, ""));
    } else if (step instanceof Step.WaitFailover s) {
      return waited(List.of(s.node(), s.oldMaster()), s.timeout(),
          s.node() + " is master and " + s.oldMaster() + " its replica", Readiness.failedOver(s.node(), s.oldMaster()));
    } else if (step instanceof Step.WaitClusterJoined s) {
      return waited(s.nodes(), s.timeout(), "every node knows every master", Readiness::mastersKnown);
    } else if (step instanceof Step.WaitClusterReady s) {
      return waited(s.nodes(), s.timeout(), "every node says cluster_state:ok", Readiness::ready);
    } else if (step instanceof Step.WaitReplicasLinked s) {
      return waited(s.replicas(), s.timeout(), "every replica link is up", Readiness::linked);
    }
    throw new IllegalStateException("no runner for step " + step.kind());
  }

  private Outcome waited(List<NodeRef> nodes, Duration timeout, String what,
      Function<Map<NodeRef, ObservedNode>, String> condition)
      throws StepFailure, InterruptedException {
    long start = System.nanoTime();
    waiter.await(what, nodes, timeout, condition);
    return new Outcome(false, "reached in " + Duration.ofNanos(System.nanoTime() - start).toMillis() + " ms");
  }

  private String masterId(Step.Replicate step) throws AgentCallException, StepFailure {
    NodeState master = fleet.observe(step.master());
    String id = master.getCluster().getMyId();
    if (!master.getReachable() || id.isEmpty()) {
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
      NodeState state = fleet.observe(node);
      return state.getReachable() ? state.getCluster().getMyId() : "";
    } catch (AgentCallException e) {
      return "";
    }
  }

  private static Duration since(long start) {
    return Duration.ofNanos(System.nanoTime() - start);
  }
}
