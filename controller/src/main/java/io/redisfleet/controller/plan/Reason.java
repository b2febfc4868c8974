package io.redisfleet.controller.plan;

/** Why a step is in the plan: a typed code for machines and a detail for people. */
public record Reason(Code code, String detail) {

  /** The kinds of reasons, so reports and tests need not parse prose. */
  public enum Code {
    NEW_NODE,
    NOT_RUNNING,
    CONF_CHANGED_LIVE,
    CONF_CHANGED_RESTART,
    /** A live change that reloads the node's certificates, and restarts it if they do not reach it. */
    TLS_RELOAD,
    CLUSTER_NOT_FORMED,
    NODE_NOT_MET,
    SLOTS_UNCOVERED,
    SLOTS_REBALANCE,
    SLOT_OPEN,
    REPLICA_NOT_ATTACHED,
    REPLICA_WRONG_MASTER,
    AWAIT_CONVERGENCE,
    PASSWORD_ROTATION,
    FAILOVER_BEFORE_RESTART,
    NODE_LEAVING,
    DESTROY,
    MASTER_MOVE,
    ORPHAN,
    STALE_NODE,
    SHARD_LOST,
    SPREAD_RESTORE,
    /** The node runs an older server than the host has installed (or Redis where Valkey is installed). */
    SERVER_UPGRADE,
    /** The operator asked for a rolling restart (controller restart --rolling). */
    RESTART_REQUESTED
  }

  public static Reason of(Code code, String detail) {
    return new Reason(code, detail);
  }

  @Override
  public String toString() {
    return detail;
  }
}
