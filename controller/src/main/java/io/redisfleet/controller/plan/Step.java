package io.redisfleet.controller.plan;

import io.redisfleet.controller.model.DesiredNode;
import io.redisfleet.controller.model.Endpoint;
import io.redisfleet.controller.model.NodeRef;
import io.redisfleet.controller.model.PasswordPhase;
import io.redisfleet.controller.model.SlotRange;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * One named, idempotent step of a plan. Every step is safe to run again: the agent checks the
 * node's state before acting, so an apply killed anywhere is finished by the next one.
 */
public sealed interface Step {

  /** Short machine name, e.g. "apply-node". */
  String kind();

  /** The node the step acts on, or the first node of the group it waits for. */
  NodeRef node();

  Reason reason();

  /** One line for people, e.g. "start local:7000 (new node)". */
  String describe();

  /**
   * Double dispatch over the sealed step types: a new step type does not compile until every
   * visitor (what the executor runs, which hosts a step involves) says what it does with it.
   */
  <R> R accept(StepVisitor<R> visitor);

  /** Whether the step changes something (waits do not). */
  default boolean mutating() {
    return true;
  }

  /** Whether consecutive steps of this kind may run at once (restarts and waits may not). */
  default boolean parallel() {
    return mutating();
  }

  /** Render the node's conf and start or restart it as needed. */
  record ApplyNode(DesiredNode desired, Optional<Endpoint> replicaOf, Reason reason) implements Step {
    public <R> R accept(StepVisitor<R> visitor) {
      return visitor.applyNode(this);
    }

    public NodeRef node() {
      return desired.ref();
    }

    public String kind() {
      return "apply-node";
    }

    public String describe() {
      return (restart() ? "restart " : "apply ") + node() + " (" + reason + ")";
    }

    public boolean restart() {
      return reason.code() == Reason.Code.CONF_CHANGED_RESTART || reason.code() == Reason.Code.SERVER_UPGRADE
          || reason.code() == Reason.Code.RESTART_REQUESTED;
    }

    /**
     * Restarts run one at a time, and so does a certificate reload: the agent restarts a node
     * the new certificates do not reach, and all of a shard's nodes at once would stop it.
     */
    public boolean parallel() {
      return !restart() && reason.code() != Reason.Code.TLS_RELOAD;
    }
  }

  /** Give a fresh node a unique config epoch, as redis-cli does before meeting. */
  record SetConfigEpoch(String cluster, NodeRef node, long epoch, Reason reason) implements Step {
    public <R> R accept(StepVisitor<R> visitor) {
      return visitor.setConfigEpoch(this);
    }

    public String kind() {
      return "set-config-epoch";
    }

    public String describe() {
      return "cluster " + cluster + ": config epoch " + epoch + " on " + node;
    }
  }

  /** Assign slot ranges no node claims yet to a master. */
  /** @param seenId the id {@code node} answered with when the plan was made; empty when it had none (not running) */
  record AddSlots(String cluster, NodeRef node, List<SlotRange> ranges, Optional<String> seenId, Reason reason)
      implements Step {
    public <R> R accept(StepVisitor<R> visitor) {
      return visitor.addSlots(this);
    }

    public AddSlots {
      ranges = List.copyOf(ranges);
    }

    public AddSlots(String cluster, NodeRef node, List<SlotRange> ranges, Reason reason) {
      this(cluster, node, ranges, Optional.empty(), reason);
    }

    public String kind() {
      return "add-slots";
    }

    public String describe() {
      return "cluster " + cluster + ": slots " + ranges + " to " + node;
    }
  }

  /** Introduce {@code target} to the cluster through {@code node}. */
  /** @param seenId the id {@code node} answered with when the plan was made; empty when it had none (not running) */
  record Meet(String cluster, NodeRef node, NodeRef target, Endpoint address, Optional<String> seenId, Reason reason)
      implements Step {
    public <R> R accept(StepVisitor<R> visitor) {
      return visitor.meet(this);
    }

    public Meet(String cluster, NodeRef node, NodeRef target, Endpoint address, Reason reason) {
      this(cluster, node, target, address, Optional.empty(), reason);
    }

    public String kind() {
      return "meet";
    }

    public String describe() {
      return "cluster " + cluster + ": " + node + " meets " + target + " at " + address;
    }
  }

  /**
   * Move slots from the master {@code node} to the master {@code target} with their keys (MIGRATE),
   * run by the source's agent; slots the target already owns are skipped, open ones finished.
   * Never in parallel: one move at a time keeps the cluster's epochs and redirections simple.
   */
  record MigrateSlots(String cluster, NodeRef node, NodeRef target, Endpoint address, List<SlotRange> ranges,
      Reason reason) implements Step {
    public <R> R accept(StepVisitor<R> visitor) {
      return visitor.migrateSlots(this);
    }

    public MigrateSlots {
      ranges = List.copyOf(ranges);
    }

    public int slots() {
      return ranges.stream().mapToInt(SlotRange::size).sum();
    }

    public String kind() {
      return "migrate-slots";
    }

    public String describe() {
      return "cluster " + cluster + ": move " + slots() + " slot(s) " + SlotRanges.brief(ranges) + " from " + node
          + " to " + target + " (" + reason + ")";
    }

    public boolean parallel() {
      return false;
    }
  }

  /** Make a cluster node a replica of a master (its id is looked up when the step runs). */
  record Replicate(String cluster, NodeRef node, NodeRef master, Reason reason) implements Step {
    public <R> R accept(StepVisitor<R> visitor) {
      return visitor.replicate(this);
    }

    public String kind() {
      return "replicate";
    }

    public String describe() {
      return "cluster " + cluster + ": " + node + " replicates " + master;
    }
  }

  /**
   * CLUSTER FORGET on {@code node}, a remaining member, of a node that leaves the cluster
   * (scale in); every remaining node gets one, and the leaving node is removed right after,
   * within the 60 s Redis keeps a forgotten node from being re-learned by gossip.
   */
  record Forget(String cluster, NodeRef node, NodeRef leaving, String leavingId, Reason reason) implements Step {
    public <R> R accept(StepVisitor<R> visitor) {
      return visitor.forget(this);
    }

    public String kind() {
      return "forget";
    }

    public String describe() {
      return "cluster " + cluster + ": " + node + " forgets " + leaving + " (" + leavingId.substring(0, 8) + "…)";
    }
  }

  /**
   * CLUSTER FORGET on {@code node}, a live member, of a stale id: an entry no node will answer to
   * again (a node replaced empty left its old id behind as fail/noaddr; see {@code StaleNodes}).
   * {@code dropsSlots}: with --force, a master of a lost shard (every member on a gone host) whose
   * slots the same plan assigns again, empty ({@code GoneShards}).
   * Every live member gets one in the same stage, so none re-teaches it to the others by gossip
   * within the 60 s Redis keeps a forgotten id out. Otherwise never for an id that owns slots.
   */
  record ForgetStale(String cluster, NodeRef node, String staleId, String address, boolean dropsSlots, Reason reason)
      implements Step {
    public <R> R accept(StepVisitor<R> visitor) {
      return visitor.forgetStale(this);
    }

    /** An id that owns no slot (the only kind forgotten without --force). */
    public ForgetStale(String cluster, NodeRef node, String staleId, String address, Reason reason) {
      this(cluster, node, staleId, address, false, reason);
    }

    public String kind() {
      return "forget-stale";
    }

    public String describe() {
      return "cluster " + cluster + ": " + node + " forgets " + (dropsSlots ? "the lost master " : "stale id ")
          + staleId.substring(0, Math.min(8, staleId.length())) + "… (" + address + ", " + reason + ")";
    }
  }

  /**
   * CLUSTER RESET SOFT on a node leaving the cluster, once every remaining node forgot it: a
   * replica (an emptied master follows the node that took its last slot) drops its copy of the
   * data, so it is removed without force; a master still holding keys is refused by the agent.
   */
  record LeaveCluster(String cluster, NodeRef node, Reason reason) implements Step {
    public <R> R accept(StepVisitor<R> visitor) {
      return visitor.leaveCluster(this);
    }

    public String kind() {
      return "leave-cluster";
    }

    public String describe() {
      return "cluster " + cluster + ": " + node + " leaves (CLUSTER RESET; a replica drops its copy of the data)";
    }
  }

  /** REPLICAOF for a replication group's replica. */
  record ReplicaOf(String group, NodeRef node, NodeRef master, Endpoint address, Reason reason)
      implements Step {
    public <R> R accept(StepVisitor<R> visitor) {
      return visitor.replicaOf(this);
    }

    public String kind() {
      return "replicaof";
    }

    public String describe() {
      return "group " + group + ": " + node + " replicaof " + master + " (" + reason + ")";
    }
  }

  /** Wait until every node knows every master (handshakes done), so replicas can attach. */
  record WaitClusterJoined(String cluster, List<NodeRef> nodes, Duration timeout, Reason reason)
      implements Step {
    public <R> R accept(StepVisitor<R> visitor) {
      return visitor.waitClusterJoined(this);
    }

    public WaitClusterJoined {
      nodes = List.copyOf(nodes);
    }

    public NodeRef node() {
      return nodes.get(0);
    }

    public String kind() {
      return "wait-joined";
    }

    public String describe() {
      return "cluster " + cluster + ": wait until all " + nodes.size() + " nodes know every master";
    }

    public boolean mutating() {
      return false;
    }
  }

  /** Wait until every node says cluster_state:ok and all agree on the slot map. */
  record WaitClusterReady(String cluster, List<NodeRef> nodes, Duration timeout, Reason reason)
      implements Step {
    public <R> R accept(StepVisitor<R> visitor) {
      return visitor.waitClusterReady(this);
    }

    public WaitClusterReady {
      nodes = List.copyOf(nodes);
    }

    public NodeRef node() {
      return nodes.get(0);
    }

    public String kind() {
      return "wait-ready";
    }

    public String describe() {
      return "cluster " + cluster + ": wait until all " + nodes.size()
          + " nodes agree on the slot map and say cluster_state:ok";
    }

    public boolean mutating() {
      return false;
    }
  }

  /** Wait until each replica's link to its master is up. */
  record WaitReplicasLinked(String scope, List<NodeRef> replicas, Duration timeout, Reason reason)
      implements Step {
    public <R> R accept(StepVisitor<R> visitor) {
      return visitor.waitReplicasLinked(this);
    }

    public WaitReplicasLinked {
      replicas = List.copyOf(replicas);
    }

    public NodeRef node() {
      return replicas.get(0);
    }

    public String kind() {
      return "wait-linked";
    }

    public String describe() {
      return scope + ": wait until " + replicas.size() + " replica link(s) are up";
    }

    public boolean mutating() {
      return false;
    }
  }

  /**
   * A coordinated CLUSTER FAILOVER on {@code node}, a replica of {@code master}: the master stops
   * taking writes until the replica has caught up, then they swap roles, so no acknowledged
   * write is lost. Used before restarting a master, so its shard keeps serving.
   */
  record Failover(String cluster, NodeRef node, NodeRef master, Reason reason) implements Step {
    public <R> R accept(StepVisitor<R> visitor) {
      return visitor.failover(this);
    }

    public String kind() {
      return "failover";
    }

    public String describe() {
      return "cluster " + cluster + ": fail " + master + " over to its replica " + node + " (" + reason + ")";
    }

    public boolean parallel() {
      return false;
    }
  }

  /** Wait until {@code node} is a master and {@code oldMaster} its replica. */
  record WaitFailover(String cluster, NodeRef node, NodeRef oldMaster, Duration timeout, Reason reason)
      implements Step {
    public <R> R accept(StepVisitor<R> visitor) {
      return visitor.waitFailover(this);
    }

    public String kind() {
      return "wait-failover";
    }

    public String describe() {
      return "cluster " + cluster + ": wait until " + node + " is master and " + oldMaster + " its replica";
    }

    public boolean mutating() {
      return false;
    }
  }

  /** Stop a node and remove its conf and data. */
  record RemoveNode(NodeRef node, boolean force, long keys, Reason reason) implements Step {
    public <R> R accept(StepVisitor<R> visitor) {
      return visitor.removeNode(this);
    }

    /**
     * Part of {@code destroy}, which removes every node of the inventory: a master's slots go with
     * all its peers, so only its keys are data to keep (refused without --force), not its slots.
     */
    public boolean destroy() {
      return reason.code() == Reason.Code.DESTROY;
    }

    public String kind() {
      return "remove-node";
    }

    public String describe() {
      return "remove " + node + (keys > 0 ? " (DROPS " + keys + " keys, --force)" : "");
    }
  }

  /**
   * One phase of a shard-wide password change on one node (see {@link PasswordRotation}); each
   * phase has its own kind, so every node finishes a phase before any node starts the next.
   */
  record RotatePassword(String scope, DesiredNode desired, PasswordPhase phase, Reason reason) implements Step {
    public <R> R accept(StepVisitor<R> visitor) {
      return visitor.rotatePassword(this);
    }

    /** The phases before the plain apply that drops the old password. */
    public NodeRef node() {
      return desired.ref();
    }

    public String kind() {
      return phase == PasswordPhase.ACCEPT_NEW ? "password-accept-new" : "password-switch-masterauth";
    }

    public String describe() {
      return scope + ": " + (phase == PasswordPhase.ACCEPT_NEW ? node() + " also accepts the new password"
          : node() + " authenticates to its master with the new password");
    }
  }

  /**
   * FAILOVER TO on {@code node}, a replication group's current master: its role goes to the
   * replica {@code to} in a coordinated handover (writes pause until {@code to} has every
   * acknowledged write, then they swap), so moving a group's master loses nothing.
   */
  record HandOverMaster(String group, NodeRef node, NodeRef to, Endpoint address, Duration timeout, Reason reason)
      implements Step {
    public <R> R accept(StepVisitor<R> visitor) {
      return visitor.handOverMaster(this);
    }

    public String kind() {
      return "failover-to";
    }

    public String describe() {
      return "group " + group + ": hand the master role from " + node + " to " + to + " (FAILOVER TO: writes pause"
          + " until " + to + " has every acknowledged write; " + reason + ")";
    }

    public boolean parallel() {
      return false;
    }
  }

  /**
   * A group handover on a master whose server has no FAILOVER (Redis before 6.2), first step: fence
   * {@code node}'s writes and wait until {@code to} has acknowledged every one of them (the agent
   * lifts the fence again when it does not within {@code timeout}). {@link Promote} follows, then a
   * {@link ReplicaOf} of {@code node}, which lifts the fence.
   */
  record FenceWrites(String group, NodeRef node, NodeRef to, Endpoint address, Duration timeout, Reason reason)
      implements Step {
    public <R> R accept(StepVisitor<R> visitor) {
      return visitor.fenceWrites(this);
    }

    public String kind() {
      return "fence-writes";
    }

    public String describe() {
      return "group " + group + ": fence the writes of " + node + " until " + to + " has every acknowledged one"
          + " (its server has no FAILOVER; " + reason + ")";
    }

    public boolean parallel() {
      return false;
    }
  }

  /**
   * REPLICAOF NO ONE on {@code node}, the replica the fenced master {@code from} waited for: it takes
   * the group's writes. Checked right before on fresh state: {@code from} is still fenced and
   * {@code node} still its replica with the link up.
   */
  record Promote(String group, NodeRef node, NodeRef from, Reason reason) implements Step {
    public <R> R accept(StepVisitor<R> visitor) {
      return visitor.promote(this);
    }

    public String kind() {
      return "promote";
    }

    public String describe() {
      return "group " + group + ": " + node + " becomes master (REPLICAOF NO ONE; " + from
          + " is fenced and it has all its writes)";
    }

    public boolean parallel() {
      return false;
    }
  }

  /** Lift the write fence of {@code node}, left by a handover the inventory no longer asks for. */
  record LiftFence(String group, NodeRef node, Reason reason) implements Step {
    public <R> R accept(StepVisitor<R> visitor) {
      return visitor.liftFence(this);
    }

    public String kind() {
      return "lift-fence";
    }

    public String describe() {
      return "group " + group + ": " + node + " takes writes again (" + reason + ")";
    }
  }

  /** Wait until {@code node} is the group's master and {@code oldMaster} its replica with the link up. */
  record WaitHandOver(String group, NodeRef node, NodeRef oldMaster, Duration timeout, Reason reason)
      implements Step {
    public <R> R accept(StepVisitor<R> visitor) {
      return visitor.waitHandOver(this);
    }

    public String kind() {
      return "wait-handover";
    }

    public String describe() {
      return "group " + group + ": wait until " + node + " is master and " + oldMaster + " its replica";
    }

    public boolean mutating() {
      return false;
    }
  }

  /**
   * Check, through its agent, that the group master {@code node} is the redis-server redis-fleet
   * runs there (managed, running, its own process answering the port) before any replica is
   * pointed at it: a foreign server on that port must never become a master of the fleet's data.
   */
  record ConfirmMaster(String group, NodeRef node, Reason reason) implements Step {
    public <R> R accept(StepVisitor<R> visitor) {
      return visitor.confirmMaster(this);
    }

    public String kind() {
      return "confirm-master";
    }

    public String describe() {
      return "group " + group + ": confirm " + node + " is the node redis-fleet runs before replicas point at it";
    }

    public boolean mutating() {
      return false;
    }
  }

  /**
   * Stop and remove a replica no inventory declares any more: its keys are a copy of its master's,
   * so no --force; the agent re-checks right before that it is a replica with its link up.
   */
  record RemoveReplica(NodeRef node, String master, Reason reason) implements Step {
    public <R> R accept(StepVisitor<R> visitor) {
      return visitor.removeReplica(this);
    }

    public String kind() {
      return "remove-replica";
    }

    public String describe() {
      return "remove " + node + " (a replica of " + master + ", its keys are a copy; " + reason + ")";
    }
  }
}
