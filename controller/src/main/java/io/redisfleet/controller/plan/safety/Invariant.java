package io.redisfleet.controller.plan.safety;

/**
 * The rules no plan may break, whatever the inventory says and wherever an earlier apply was
 * killed. The slot and data rules are checked twice: on the whole plan against the observation
 * it was made from ({@link PlanInvariants}), and on each destructive step against a fresh
 * observation right before it runs ({@link StepInvariants}), since the fleet may have moved on in
 * between. The others are named here so every refusal cites one list; where each is enforced is
 * in its comment and in docs/architecture.md.
 */
public enum Invariant {
  /** A node that owns slots serves their keys: forgetting, resetting or removing it loses them. */
  NO_FORGET_SLOT_OWNER("never forget, reset or remove a node that owns slots"),
  /**
   * A stale id (a node replaced empty left it behind) is forgotten only while it is failed or has
   * no address: an id a member sees connected and healthy is a running node, not a leftover.
   */
  NO_FORGET_ANSWERING_NODE("never forget, as stale, an id a member sees connected and not failing"),
  /** REPLICAOF and CLUSTER REPLICATE flush the node's own data set. */
  NO_REPLICATE_OVER_DATA("never make a node that owns slots or holds keys as a master a replica"),
  /** Two owners of one slot split its keys; the slot's keys may live on the other claimant. */
  NO_ASSIGN_CLAIMED_SLOT("never assign a slot that any node claims"),
  /** A master's keys exist nowhere else. */
  NO_REMOVE_MASTER_WITH_KEYS("never reset or remove a master holding keys"),
  /**
   * A replica copies whatever answers its master's address: a foreign redis-server there would
   * have its data copied over the shard. Checked on fresh state by {@code exec/NodeIdentity}.
   */
  NO_FOREIGN_MASTER("never point a replica at, or hand a master role to, a server that is not the managed node"),
  /** A group's master changes only by a coordinated handover to an in-sync replica (plan/MasterMove). */
  MASTER_MOVE_BY_PROMOTION("change a group's master only by promoting an in-sync replica, or refuse without --force"),
  /**
   * A cluster master moves (restart, restored spread, a leaving master) only by CLUSTER FAILOVER
   * without FORCE or TAKEOVER, sent to its own replica with the link up: the master pauses writes
   * until the replica has them all, so no acknowledged write is lost. Checked on fresh state by
   * {@link StepInvariants} right before the step.
   */
  CLUSTER_FAILOVER_COORDINATED("move a cluster master only by a coordinated CLUSTER FAILOVER from its own linked replica"),
  /**
   * A node replaced after the plan was made (a new, empty node at the same address, with a new id)
   * gets none of the steps planned for the old one: an ADDSLOTS would give the empty node slots
   * alone, a MEET from it would start a fragment the next plan refuses as a second cluster. Checked
   * on fresh state by {@link StepInvariants} (the id each step pinned when it was planned).
   */
  NO_STEP_ON_REPLACED_NODE("never run a step planned for a node on the node that replaced it (a new id at its address)"),
  /** The agent keeps the previous conf and puts it back when a restarted node does not come up. */
  NO_RESTART_ONTO_REJECTED_CONF("never leave a node down on a conf its redis-server rejects"),
  /** The agent writes the conf before any CONFIG SET, so a failure never leaves a live-only change. */
  PERSIST_BEFORE_LIVE("persist the conf before applying a change live; the agent's own login always works");

  private final String rule;

  Invariant(String rule) {
    this.rule = rule;
  }

  public String rule() {
    return rule;
  }
}
