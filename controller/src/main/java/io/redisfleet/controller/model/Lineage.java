package io.redisfleet.controller.model;

/**
 * A node's place in its replication history, and whether redis-fleet fenced its writes.
 *
 * @param replId INFO master_replid: the history the node serves (a master) or follows (a replica)
 * @param replId2 INFO master_replid2: the history it followed before it was promoted, when it was
 * @param writesFenced a master refusing every write because a handover without FAILOVER (Redis before
 *     6.2) fenced it; it took no write since, so a node promoted from its caught-up replica holds all
 *     of its data
 */
public record Lineage(String replId, String replId2, boolean writesFenced) {

  /** Not observed (an older agent, an unreachable node, planner tests). */
  public static final Lineage UNKNOWN = new Lineage("", "", false);

  /**
   * This node was promoted from a replica of {@code older}: it carries {@code older}'s history on.
   * Redis keeps the old master's replid as replid2 on promotion (PSYNC2, 4.0+).
   */
  public boolean continues(Lineage older) {
    return !older.replId.isEmpty() && !older.replId.chars().allMatch(c -> c == '0') && older.replId.equals(replId2);
  }
}
