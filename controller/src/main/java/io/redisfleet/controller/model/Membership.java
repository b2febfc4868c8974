package io.redisfleet.controller.model;

/** What a declared node belongs to, which decides how it is configured and joined. */
public sealed interface Membership {

  /** "cluster NAME" or "group NAME": the nodes a node talks to are those of its scope. */
  String scope();

  /** A node of the Redis Cluster of that name. */
  record ClusterMember(String cluster) implements Membership {
    public String scope() {
      return "cluster " + cluster;
    }
  }

  /** The master of a replication group. */
  record GroupMaster(String group) implements Membership {
    public String scope() {
      return "group " + group;
    }
  }

  /** A replica of a replication group, replicating from master. */
  record GroupReplica(String group, NodeRef master) implements Membership {
    public String scope() {
      return "group " + group;
    }
  }
}
