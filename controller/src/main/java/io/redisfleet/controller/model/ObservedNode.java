package io.redisfleet.controller.model;

import java.util.Optional;

/**
 * One node as observed through its host's agent.
 *
 * @param running its process is alive
 * @param reachable it answered; when false, role/keys/cluster are unknown
 * @param role master or replica (UNKNOWN when unreachable)
 * @param master for a replica: the address it replicates from
 * @param linkUp for a replica: master_link_status is up
 * @param cluster its cluster view, when cluster-enabled and reachable
 * @param clusterConfigPresent its cluster state file exists (it has been in a cluster)
 * @param drift what applying its spec would change
 * @param writes its persistence and memory state (MISCONF / OOM), UNKNOWN when unreachable
 * @param lineage its replication ids and write fence (a replication group's handover), UNKNOWN when not observed
 */
public record ObservedNode(
    NodeRef ref, boolean managed, boolean running, long pid, boolean reachable, String error,
    Role role, Optional<String> master, boolean linkUp, long replOffset, long keys,
    Optional<ClusterState> cluster, boolean clusterConfigPresent, long usedMemory, String runId,
    ConfDrift drift, WriteHealth writes, Lineage lineage) {

  /** Without replication ids or fence (planner tests, cluster nodes). */
  public ObservedNode(NodeRef ref, boolean managed, boolean running, long pid, boolean reachable, String error,
      Role role, Optional<String> master, boolean linkUp, long replOffset, long keys,
      Optional<ClusterState> cluster, boolean clusterConfigPresent, long usedMemory, String runId,
      ConfDrift drift, WriteHealth writes) {
    this(ref, managed, running, pid, reachable, error, role, master, linkUp, replOffset, keys, cluster,
        clusterConfigPresent, usedMemory, runId, drift, writes, Lineage.UNKNOWN);
  }

  /** A node whose persistence and memory state is not known (planner tests). */
  public ObservedNode(NodeRef ref, boolean managed, boolean running, long pid, boolean reachable, String error,
      Role role, Optional<String> master, boolean linkUp, long replOffset, long keys,
      Optional<ClusterState> cluster, boolean clusterConfigPresent, long usedMemory, String runId, ConfDrift drift) {
    this(ref, managed, running, pid, reachable, error, role, master, linkUp, replOffset, keys, cluster,
        clusterConfigPresent, usedMemory, runId, drift, WriteHealth.UNKNOWN);
  }

  /** This node with the agent's dry run of its spec (observed apart, by the observer). */
  public ObservedNode withDrift(ConfDrift drift) {
    return new ObservedNode(ref, managed, running, pid, reachable, error, role, master, linkUp, replOffset, keys,
        cluster, clusterConfigPresent, usedMemory, runId, drift, writes, lineage);
  }

  /** A master whose writes a handover without FAILOVER fenced (see {@link Lineage}). */
  public boolean fenced() {
    return isMaster() && lineage.writesFenced();
  }

  public boolean isReplica() {
    return role == Role.REPLICA;
  }

  /** It answered as a master (false when unreachable: the role is unknown). */
  public boolean isMaster() {
    return role == Role.MASTER;
  }

  /** A fresh cluster node: knows only itself, owns no slots, holds no keys. */
  public boolean freshClusterNode() {
    return cluster.map(c -> c.knownNodes() <= 1 && c.slotsAssigned() == 0).orElse(false) && keys == 0;
  }
}
