package io.redisfleet.controller.plan;

import io.redisfleet.controller.model.DesiredNode;
import io.redisfleet.controller.model.HostObservation;
import io.redisfleet.controller.model.Membership;
import io.redisfleet.controller.model.Observation;
import io.redisfleet.controller.model.ServerVersion;
import java.util.Optional;

/**
 * A replica must be able to load what its master sends. Valkey 8 writes RDB version 80, which no
 * Redis release reads, so a Redis replica of a Valkey 8 master fails its full sync over and over
 * (the master keeps serving, the replica never holds a copy). Judged from the servers installed
 * on both hosts, as the nodes will run after apply; a host that does not report its server (an
 * older agent) is not judged.
 */
final class ReplicationCompat {

  private ReplicationCompat() {}

  /** Why the group replica {@code desired} cannot replicate from its declared master, or empty. */
  static Optional<String> refusal(DesiredNode desired, Observation observation) {
    if (!(desired.membership() instanceof Membership.GroupReplica r)) {
      return Optional.empty(); // a cluster replica's master is chosen at run time
    }
    // the master is in the same group, so its inventory names the same engine (or none)
    ServerVersion mine = installed(observation, desired.ref(), desired);
    ServerVersion master = installed(observation, r.master(), desired);
    if (!mine.engine().equals("redis") || !master.engine().equals("valkey") || major(master.version()) < 8) {
      return Optional.empty();
    }
    return Optional.of("it cannot replicate from its master " + r.master() + ": host " + desired.ref().host()
        + " runs " + mine + " and host " + r.master().host() + " runs " + master + ", whose replication data"
        + " (RDB version 80) Redis cannot load; install valkey-server on host " + desired.ref().host()
        + " (or keep the master on Redis); not applied");
  }

  private static ServerVersion installed(Observation observation, io.redisfleet.controller.model.NodeRef node,
      DesiredNode desired) {
    return observation.hosts().get(node.host()) instanceof HostObservation.Reachable h
        ? ServerChecks.serverOf(node, desired.engine(), h).map(s -> s.version()).orElse(ServerVersion.UNKNOWN)
        : ServerVersion.UNKNOWN;
  }

  private static int major(String version) {
    String first = version.split("\\.", 2)[0];
    return first.matches("\\d{1,4}") ? Integer.parseInt(first) : 0;
  }
}
