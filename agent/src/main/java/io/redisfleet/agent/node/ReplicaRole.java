package io.redisfleet.agent.node;

import io.redisfleet.agent.redis.Address;
import io.redisfleet.agent.AgentException;
import io.redisfleet.agent.AgentException.Kind;
import io.redisfleet.agent.conf.ConfDiff;
import io.redisfleet.agent.redis.NodeInfo;
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
record ReplicaRole(Optional<Optional<Address>> send, String detail) {

  static final String DIRECTIVE = "replicaof";

  /** What the node must be told so that it runs as the conf line {@code change} says. */
  static ReplicaRole of(int port, ConfDiff.Change change, NodeInfo info) throws AgentException {
    Optional<Address> wanted = change.newValues().isEmpty() ? Optional.empty() : Optional.of(endpoint(change.newValues()));
    if (wanted.isEmpty()) {
      return info.isReplica()
          ? new ReplicaRole(Optional.of(Optional.empty()), "REPLICAOF NO ONE (promoted, data kept)")
          : new ReplicaRole(Optional.empty(), "already a master");
    }
    Address m = wanted.get();
    String target = m.toString();
    if (info.isReplica() && info.masterHost().equals(m.host()) && info.masterPort() == m.port()) {
      return new ReplicaRole(Optional.empty(), "already a replica of " + target);
    }
    if (!info.isReplica() && info.keys() > 0) {
      throw new AgentException(Kind.NEEDS_OPERATOR, "node " + port + ": replicaof " + target + ": the node is a master"
          + " holding " + info.keys() + " keys, which REPLICAOF would drop; hand its master role over first");
    }
    return new ReplicaRole(Optional.of(wanted), "REPLICAOF " + m.host() + " " + m.port());
  }

  private static Address endpoint(List<List<String>> values) {
    List<String> args = values.get(0);
    return new Address(args.get(0), Integer.parseInt(args.get(1)));
  }
}
