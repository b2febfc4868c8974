package io.redisfleet.controller.model;

/** The option of a CLUSTER FAILOVER sent to a replica. */
public enum FailoverMode {
  /** No option: the replica takes over once it has the master's offset, no write lost. */
  COORDINATED,
  /** FORCE: without the master's agreement (the master is down), still elected by the majority. */
  FORCE,
  /** TAKEOVER: without an election at all. */
  TAKEOVER
}
