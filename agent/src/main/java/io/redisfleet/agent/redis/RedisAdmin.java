package io.redisfleet.agent.redis;

import io.redisfleet.agent.AgentException;
import java.util.List;
import java.util.Optional;

/**
 * The port through which the agent talks to its local nodes (127.0.0.1:port). Every failure is
 * an {@link AgentException} naming the port and the command: RETRYABLE when the node cannot be
 * reached or is loading, otherwise classified by what Redis refused.
 */
public interface RedisAdmin {

  /** PING; returns normally only on PONG. */
  void ping(int port) throws AgentException;

  /** INFO, parsed; and the cluster view when the node runs in cluster mode. One connection. */
  Snapshot snapshot(int port) throws AgentException;

  /** INFO, parsed. */
  default NodeInfo info(int port) throws AgentException {
    return snapshot(port).info();
  }

  /** CLUSTER INFO and CLUSTER NODES, parsed. */
  ClusterTopology clusterView(int port) throws AgentException;

  void configSet(int port, String name, String value) throws AgentException;

  /** CONFIG SET of several directives in one command (all or none on Redis 7), in this order. */
  default void configSet(int port, java.util.LinkedHashMap<String, String> values) throws AgentException {
    for (var e : values.entrySet()) {
      configSet(port, e.getKey(), e.getValue());
    }
  }

  /** CONFIG GET of these directives: name to running value; empty when not supported here. */
  java.util.Map<String, String> configGet(int port, List<String> names) throws AgentException;

  /**
   * The login of the spec being applied to the node on {@code port}, tried after the conf's
   * own, so a node left wanting the new password by a half-applied change still lets the agent in.
   */
  default void hintLogin(int port, Optional<Credentials> login) {}

  void setConfigEpoch(int port, long epoch) throws AgentException;

  void clusterMeet(int port, String host, int targetPort) throws AgentException;

  void addSlotsRange(int port, List<Slots> ranges) throws AgentException;

  /** CLUSTER ADDSLOTS of every slot of the ranges, for servers older than 7.0 (no ADDSLOTSRANGE). */
  void addSlots(int port, List<Slots> ranges) throws AgentException;

  void clusterReplicate(int port, String masterId) throws AgentException;

  /** CLUSTER FORGET nodeId. */
  void clusterForget(int port, String nodeId) throws AgentException;

  /** CLUSTER RESET SOFT. */
  void clusterReset(int port) throws AgentException;

  /** REPLICAOF host port, or REPLICAOF NO ONE when master is empty. */
  void replicaOf(int port, Optional<Address> master) throws AgentException;

  /** FAILOVER TO host port TIMEOUT ms on a (non-cluster) master: a coordinated handover to that replica. */
  void failoverTo(int port, String host, int targetPort, int timeoutMs) throws AgentException;

  /** CLUSTER FAILOVER with mode "", "FORCE" or "TAKEOVER". */
  void clusterFailover(int port, String mode) throws AgentException;

  /**
   * How many failover elections the node has asked votes for since it started (CLUSTER INFO
   * cluster_stats_messages_auth-req_sent; Redis leaves a counter out while it is 0).
   */
  long electionsStarted(int port) throws AgentException;

  long dbSize(int port) throws AgentException;

  /**
   * Moves the slots from the local master to the master at {@code target} (SETSLOT IMPORTING,
   * MIGRATING, GETKEYSINSLOT + MIGRATE in batches, SETSLOT NODE); slots the target already owns
   * are skipped and open ones finished.
   */
  Migration migrateSlots(int port, Address target, List<Integer> slots,
      int batchKeys, int timeoutMs) throws AgentException;

  /** ACL LOAD: re-read the node's ACL file (after the agent rewrote it). */
  void aclLoad(int port) throws AgentException;

  /** ACL GETUSER user: the SHA-256 (hex) of each password the user accepts; empty for no such user. */
  java.util.List<String> aclPasswordHashes(int port, String user) throws AgentException;

  /** ACL SETUSER user rules... The rules may hold SECRETS (">password"): never put them in a message. */
  void aclSetUser(int port, String user, java.util.List<String> rules) throws AgentException;

  /** What one observation of a node returns. */
  record Snapshot(NodeInfo info, Optional<ClusterTopology> cluster) {}
}
