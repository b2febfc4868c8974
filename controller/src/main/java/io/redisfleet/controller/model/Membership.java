package io.redisfleet.controller.model;

/** What a declared node belongs to, which decides how it is configured and joined. */
public sealed interface Membership {

  /** A node of the Redis Cluster of that name. */
  record ClusterMember(String cluster) implements Membership {}

  /** The master of a replication group. */
  record GroupMaster(String group) implements Membership {}

  /** A replica of a replication group, replicating from master. */
  record GroupReplica(String group, NodeRef master) implements Membership {}
}
