package io.redisfleet.controller.plan.safety;

/**
 * The rules no plan may break, whatever the inventory says and wherever an earlier apply was
 * killed. Each is checked twice: on the whole plan against the observation it was made from
 * ({@link PlanInvariants}), and on each destructive step against a fresh observation right
 * before it runs ({@link StepInvariants}), since the fleet may have moved on in between.
 */
public enum Invariant {
  /** A node that owns slots serves their keys: forgetting, resetting or removing it loses them. */
  NO_FORGET_SLOT_OWNER("never forget, reset or remove a node that owns slots"),
  /** REPLICAOF and CLUSTER REPLICATE flush the node's own data set. */
  NO_REPLICATE_OVER_DATA("never make a node that owns slots or holds keys as a master a replica"),
  /** Two owners of one slot split its keys; the slot's keys may live on the other claimant. */
  NO_ASSIGN_CLAIMED_SLOT("never assign a slot that any node claims"),
  /** A master's keys exist nowhere else. */
  NO_REMOVE_MASTER_WITH_KEYS("never reset or remove a master holding keys");

  private final String rule;

  Invariant(String rule) {
    this.rule = rule;
  }

  public String rule() {
    return rule;
  }
}
