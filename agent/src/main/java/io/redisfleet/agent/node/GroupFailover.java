package io.redisfleet.agent.node;

import io.redisfleet.agent.redis.Address;
import io.redisfleet.agent.AgentException;
import io.redisfleet.agent.AgentException.Kind;
import io.redisfleet.agent.redis.NodeInfo;
import io.redisfleet.agent.redis.NodeInfo.ConnectedReplica;
import io.redisfleet.agent.redis.RedisAdmin;
import io.redisfleet.agent.v1.ClusterOpResponse;
import java.util.List;
import java.util.Optional;

/**
 * Hands a replication group's master role to one of its replicas with Redis's own coordinated
 * FAILOVER TO, sent to the master: it pauses writes, waits until the replica has the master's
 * whole replication stream, then the replica becomes master and the old master its replica. No
 * acknowledged write is lost; when the replica does not catch up in time, Redis aborts and the
 * master goes on as before.
 */
final class GroupFailover {

  private final RedisAdmin redis;

  GroupFailover(RedisAdmin redis) {
    this.redis = redis;
  }

  ClusterOpResponse handOver(int port, Address to, int timeoutMs) throws AgentException {
    String target = to.toString();
    NodeInfo info = redis.info(port);
    if (info.clusterEnabled()) {
      throw new AgentException(Kind.NEEDS_OPERATOR, "node " + port + ": FAILOVER TO " + target
          + ": a cluster node (use CLUSTER FAILOVER on the replica)");
    }
    if (info.isReplica()) {
      // The old master follows the address it saw the replica connect from, which is not the
      // replica's host address when both share a machine: the port decides, as in connected().
      if (info.masterPort() == to.port()) {
        return ClusterOpResponse.newBuilder().setChanged(false).setDetail("already a replica of " + target).build();
      }
      throw new AgentException(Kind.NEEDS_OPERATOR, "node " + port + ": FAILOVER TO " + target
          + ": this node is not a master (replica of " + info.masterHost() + ":" + info.masterPort() + ")");
    }
    ConnectedReplica replica = connected(port, info.replicas(), to, "FAILOVER TO");
    if (!"online".equals(replica.state())) {
      throw new AgentException(Kind.RETRYABLE, "node " + port + ": FAILOVER TO " + target + ": the replica is "
          + replica.state() + ", not online yet");
    }
    try {
      redis.failoverTo(port, replica.ip(), replica.port(), timeoutMs);
    } catch (AgentException e) {
      if (!String.valueOf(e.getMessage()).contains("already in progress")) {
        throw e;
      }
      // a controller killed after sending FAILOVER TO: the handover it started goes on, and the
      // plan's next step waits for it; sending it again would only be refused
      return ClusterOpResponse.newBuilder().setChanged(false)
          .setDetail("a FAILOVER to " + replica.ip() + " " + replica.port() + " is already in progress").build();
    }
    return ClusterOpResponse.newBuilder().setChanged(true)
        .setDetail("FAILOVER TO " + replica.ip() + " " + replica.port() + " TIMEOUT " + timeoutMs).build();
  }

  /**
   * The replica as the master knows it. A master sees a replica's source address, which is not
   * the replica's host address when both share a machine (or a replica binds several), so a
   * replica is matched by address and port, else by its port when only one replica has it.
   */
  static ConnectedReplica connected(int port, List<ConnectedReplica> replicas, Address to, String step)
      throws AgentException {
    Optional<ConnectedReplica> exact = replicas.stream()
        .filter(r -> r.port() == to.port() && r.ip().equals(to.host())).findFirst();
    List<ConnectedReplica> byPort = replicas.stream().filter(r -> r.port() == to.port()).toList();
    if (exact.isPresent()) {
      return exact.get();
    }
    if (byPort.size() == 1) {
      return byPort.get(0);
    }
    throw new AgentException(Kind.NEEDS_OPERATOR, "node " + port + ": " + step + " " + to.host() + ":"
        + to.port() + ": " + (byPort.isEmpty() ? "no such replica is connected" : "ambiguous replica")
        + " (connected: " + replicas.stream().map(r -> r.ip() + ":" + r.port() + " " + r.state()).toList() + ")");
  }
}
