package io.redisfleet.agent.node;

import io.redisfleet.agent.AgentException;
import io.redisfleet.agent.AgentException.Kind;
import io.redisfleet.agent.conf.ConfDiff;
import io.redisfleet.agent.redis.NodeInfo;
import io.redisfleet.agent.v1.Endpoint;
import java.util.List;
import java.util.Optional;

/**
 * A change of a running node's {@code replicaof} line, applied with the REPLICAOF command instead
 * of a restart: a restart of a replica whose conf no longer names a master would bring it up as an
 * empty master (without persistence) and its replicas would copy that emptiness. Promotion
 * (REPLICAOF NO ONE) keeps the node's data; pointing a node at another master drops its keys, so
 * that is refused for a master holding keys (the controller hands the master role over first).
 *
 * @param send the REPLICAOF to send; empty when the node already runs as the new conf says
 */
record ReplicaRole(Optional<Optional<Endpoint>> send, String detail) {

  static final String DIRECTIVE = "replicaof";

  /** What the node must be told so that it runs as the conf line {@code change} says. */
  static ReplicaRole of(int port, ConfDiff.Change change, NodeInfo info) throws AgentException {
    Optional<Endpoint> wanted = change.newValues().isEmpty() ? Optional.empty() : Optional.of(endpoint(change.newValues()));
    if (wanted.isEmpty()) {
      return info.isReplica()
          ? new ReplicaRole(Optional.of(Optional.empty()), "REPLICAOF NO ONE (promoted, data kept)")
          : new ReplicaRole(Optional.empty(), "already a master");
    }
    Endpoint m = wanted.get();
    String target = m.getHost() + ":" + m.getPort();
    if (info.isReplica() && info.masterHost().equals(m.getHost()) && info.masterPort() == m.getPort()) {
      return new ReplicaRole(Optional.empty(), "already a replica of " + target);
    }
    if (!info.isReplica() && info.keys() > 0) {
      throw new AgentException(Kind.NEEDS_OPERATOR, "node " + port + ": replicaof " + target + ": the node is a master"
          + " holding " + info.keys() + " keys, which REPLICAOF would drop; hand its master role over first");
    }
    return new ReplicaRole(Optional.of(wanted), "REPLICAOF " + m.getHost() + " " + m.getPort());
  }

  private static Endpoint endpoint(List<List<String>> values) {
    List<String> args = values.get(0);
    return Endpoint.newBuilder().setHost(args.get(0)).setPort(Integer.parseInt(args.get(1))).build();
  }
}
