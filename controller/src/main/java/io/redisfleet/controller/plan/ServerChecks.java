package io.redisfleet.controller.plan;

import io.redisfleet.controller.model.DesiredNode;
import io.redisfleet.controller.model.Directive;
import io.redisfleet.controller.model.HostObservation;
import io.redisfleet.controller.model.InstalledServer;
import io.redisfleet.controller.model.Observation;
import io.redisfleet.controller.model.ServerVersion;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What a node's host says about the node's server, from the agent's facts: the engine the
 * inventory asks for must be the one installed, every directive must be one the installed server
 * accepts (its own CONFIG GET *, so Redis 6.0 to 7.2 and Valkey are each judged by themselves),
 * and a node running an older server than the installed one is restarted onto it.
 */
final class ServerChecks {

  /** Names the conf parser takes that CONFIG GET * never lists (every version from 6.0 on). */
  static final Set<String> CONF_ONLY = Set.of("include", "rename-command", "user", "loadmodule", "sentinel",
      "list-max-ziplist-entries", "list-max-ziplist-value", "lua-replicate-commands");

  private ServerChecks() {}

  /** Why the node must not be applied on its host, or empty. */
  static Optional<String> refusal(DesiredNode desired, Observation observation) {
    Optional<HostObservation.Reachable> host = reachable(desired, observation);
    if (host.isEmpty() || !host.get().installed().version().known()) {
      return Optional.empty(); // an agent that does not say (an older one): the agent's own checks decide
    }
    String hostName = desired.ref().host();
    Optional<InstalledServer> server = serverOf(desired.ref(), desired.engine(), host.get());
    if (server.isEmpty()) {
      String wanted = desired.engine().orElseThrow().wireName();
      return Optional.of("its " + scope(desired) + " asks for engine " + wanted + ", but host " + hostName
          + " runs nodes with " + host.get().servers().stream().map(s -> s.version().toString())
              .collect(java.util.stream.Collectors.joining(" and ")) + "; install " + wanted + "-server there; not applied");
    }
    InstalledServer installed = server.get();
    ServerVersion running = host.get().running().getOrDefault(desired.ref().port(), ServerVersion.UNKNOWN);
    if (running.known() && running.engine().equals("valkey") && installed.version().engine().equals("redis")) {
      return Optional.of("it runs " + running + " but host " + hostName + " has " + installed.version()
          + " installed; going back from Valkey to Redis is not supported (Redis cannot load newer Valkey data"
          + " files); reinstall valkey-server; not restarted");
    }
    Optional<String> replication = ReplicationCompat.refusal(desired, observation);
    if (replication.isPresent()) {
      return replication;
    }
    if (installed.directives().isEmpty()) {
      return Optional.empty();
    }
    List<String> unknown = desired.directives().stream().map(Directive::name).distinct()
        .filter(n -> !installed.directives().contains(n) && !CONF_ONLY.contains(n)).sorted().toList();
    return unknown.isEmpty() ? Optional.empty()
        : Optional.of((unknown.size() == 1 ? "directive " : "directives ") + String.join(", ", unknown.stream()
            .map(n -> "\"" + n + "\"").toList()) + (unknown.size() == 1 ? " is" : " are") + " not known to "
            + installed.version() + " on host " + hostName + " (not in its CONFIG GET *); remove "
            + (unknown.size() == 1 ? "it" : "them") + " from the inventory or upgrade the server; not applied");
  }

  /**
   * A host whose server's directive list could not be read (its throwaway CONFIG GET * failed) is
   * not silently unchecked: the plan warns naming the host and why, and its nodes' directives are
   * judged by the built-in Redis 7.0 list the inventory was validated against.
   */
  static void warnUnreadDirectives(Observation observation, PlanBuilder out) {
    observation.hosts().values().stream().filter(HostObservation.Reachable.class::isInstance)
        .map(HostObservation.Reachable.class::cast).sorted((a, b) -> a.host().compareTo(b.host()))
        .filter(h -> h.installed().directives().isEmpty() && !h.installed().directivesError().isEmpty())
        .forEach(h -> out.warn(Problem.Scope.host(h.host()), Problem.Code.DIRECTIVES_UNREAD, "could not read the directives " + h.installed().version()
            + " accepts (" + h.installed().directivesError() + "); its nodes' directives are checked against the"
            + " built-in Redis 7.0 list only (as validate does)"));
  }

  /** "restart to upgrade 7.0.15 → 7.0.16" when the node runs an older server than the installed one. */
  static Optional<Reason> upgrade(DesiredNode desired, Observation observation) {
    return reachable(desired, observation).flatMap(h -> serverOf(desired.ref(), desired.engine(), h)
            .flatMap(s -> h.running().getOrDefault(desired.ref().port(), ServerVersion.UNKNOWN).upgradeTo(s.version())))
        .map(what -> Reason.of(Reason.Code.SERVER_UPGRADE, "restart to upgrade " + what));
  }

  /**
   * The installed server that will run the node, as the agent picks it on a host that may have
   * both engines: the engine its inventory names (empty when that one is not installed); else
   * the engine it runs now, while installed (a host that gains the other engine leaves it be);
   * else the host's default.
   */
  static Optional<InstalledServer> serverOf(io.redisfleet.controller.model.NodeRef node,
      Optional<io.redisfleet.controller.model.Engine> named, HostObservation.Reachable host) {
    if (named.isPresent()) {
      return host.server(named.get().wireName());
    }
    ServerVersion running = host.running().getOrDefault(node.port(), ServerVersion.UNKNOWN);
    Optional<InstalledServer> same = running.known() ? host.server(running.engine()) : Optional.empty();
    return same.isPresent() ? same : Optional.of(host.installed());
  }

  private static Optional<HostObservation.Reachable> reachable(DesiredNode desired, Observation observation) {
    return observation.hosts().get(desired.ref().host()) instanceof HostObservation.Reachable r
        ? Optional.of(r) : Optional.empty();
  }

  private static String scope(DesiredNode desired) {
    return desired.membership() instanceof io.redisfleet.controller.model.Membership.ClusterMember c
        ? "cluster " + c.cluster() : "replication group";
  }
}
