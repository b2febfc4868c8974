package io.redisfleet.controller.plan;

/**
 * What the operator allowed for this plan, as plain values so the planner stays pure.
 *
 * @param force drop data where the plan otherwise refuses to (apply --force): a master no
 *     inventory declares any more that still holds keys, a replica that may hold the only copy
 */
public record PlanOptions(boolean force) {

  public static final PlanOptions DEFAULT = new PlanOptions(false);
}
