package io.redisfleet.controller.plan;

/**
 * What the operator allowed for this plan, as plain values so the planner stays pure.
 *
 * @param force drop data where the plan otherwise refuses to (apply --force): a master no
 *     inventory declares any more that still holds keys, a replica that may hold the only copy
 * @param restart nodes to restart (controller restart --rolling), each with the run_id of the
 *     process to replace: once that process is gone the node is not restarted again, so the
 *     reconcile loop ends
 */
public record PlanOptions(boolean force, java.util.Map<io.redisfleet.controller.model.NodeRef, String> restart) {

  public static final PlanOptions DEFAULT = new PlanOptions(false);

  public PlanOptions {
    restart = java.util.Map.copyOf(restart);
  }

  public PlanOptions(boolean force) {
    this(force, java.util.Map.of());
  }
}
