package io.redisfleet.controller.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The validated inventory: the whole desired state of a fleet. Built only by the inventory
 * loader, which has already rejected anything inconsistent (see inventory/InventoryValidator).
 * A class, not a record, only so that {@link #desiredNodes()} is derived once.
 */
public final class Inventory {

  private final String source;
  private final Map<String, Host> hosts;
  private final List<ClusterSpec> clusters;
  private final List<ReplicationGroup> replication;
  private final Timeouts timeouts;
  private final Optional<String> tlsDir;
  private final Map<String, Host> goneHosts;
  private final Engines engines;
  /** Derived once: the planner, the observer and the executor ask for it many times per run. */
  private final List<DesiredNode> desiredNodes;

  /**
   * @param source where it was read from (for messages)
   * @param hosts by inventory name
   * @param clusters Redis Clusters
   * @param replication master/replica groups
   * @param timeouts bounds on every wait
   * @param tlsDir directory with the controller's certificate bundle (ca.crt, controller.crt,
   *     controller.key) for mutual TLS to remote agents
   * @param goneHosts hosts declared {@code state = gone}: lost for good, never contacted, no node
   *     declared on them; not among {@code hosts}, so nothing that talks to agents sees them
   * @param engines the engine each cluster or group asks for ({@code engine = redis | valkey})
   */
  public Inventory(String source, Map<String, Host> hosts, List<ClusterSpec> clusters,
      List<ReplicationGroup> replication, Timeouts timeouts, Optional<String> tlsDir, Map<String, Host> goneHosts,
      Engines engines) {
    this.source = Objects.requireNonNull(source, "source");
    this.hosts = Map.copyOf(hosts);
    this.goneHosts = Map.copyOf(goneHosts);
    this.clusters = List.copyOf(clusters);
    this.replication = List.copyOf(replication);
    this.timeouts = Objects.requireNonNull(timeouts, "timeouts");
    this.tlsDir = Objects.requireNonNull(tlsDir, "tlsDir");
    this.engines = Objects.requireNonNull(engines, "engines");
    this.desiredNodes = List.copyOf(derive(this.clusters, this.replication, this.engines));
  }

  public String source() {
    return source;
  }

  public Map<String, Host> hosts() {
    return hosts;
  }

  public List<ClusterSpec> clusters() {
    return clusters;
  }

  public List<ReplicationGroup> replication() {
    return replication;
  }

  public Timeouts timeouts() {
    return timeouts;
  }

  public Optional<String> tlsDir() {
    return tlsDir;
  }

  public Map<String, Host> goneHosts() {
    return goneHosts;
  }

  public Engines engines() {
    return engines;
  }

  public Host host(String name) {
    Host host = hosts.get(name);
    if (host == null) {
      throw new IllegalArgumentException("unknown host " + name);
    }
    return host;
  }

  /** Every node the inventory declares, with what it belongs to, in declaration order. */
  public List<DesiredNode> desiredNodes() {
    return desiredNodes;
  }

  private static List<DesiredNode> derive(List<ClusterSpec> clusters, List<ReplicationGroup> replication,
      Engines engines) {
    List<DesiredNode> out = new ArrayList<>();
    for (ClusterSpec cluster : clusters) {
      for (NodeDecl node : cluster.nodes()) {
        Membership member = new Membership.ClusterMember(cluster.name());
        out.add(new DesiredNode(node.ref(), member, node.directives(), cluster.auth(), cluster.tls(),
            engines.of(member)));
      }
    }
    for (ReplicationGroup group : replication) {
      Membership master = new Membership.GroupMaster(group.name());
      out.add(new DesiredNode(group.master().ref(), master, group.master().directives(), group.auth(), group.tls(),
          engines.of(master)));
      for (NodeDecl replica : group.replicas()) {
        Membership member = new Membership.GroupReplica(group.name(), group.master().ref());
        out.add(new DesiredNode(replica.ref(), member, replica.directives(), group.auth(), group.tls(),
            engines.of(member)));
      }
    }
    return out;
  }

  /** For a replication group's replica: the address of the master it must replicate. */
  public Optional<Endpoint> replicaOfAddress(DesiredNode desired) {
    if (desired.membership() instanceof Membership.GroupReplica replica) {
      return Optional.of(new Endpoint(addressOf(replica.master()), replica.master().port()));
    }
    return Optional.empty();
  }

  /** The authentication of the cluster or group a node belongs to. */
  public Optional<RedisAuth> authOf(NodeRef ref) {
    return desiredNodes().stream().filter(d -> d.ref().equals(ref)).findFirst().flatMap(DesiredNode::auth);
  }

  /** The TLS of the cluster or group a node belongs to. */
  public Optional<RedisTls> tlsOf(NodeRef ref) {
    return desiredNodes().stream().filter(d -> d.ref().equals(ref)).findFirst().flatMap(DesiredNode::tls);
  }

  /** The address other nodes and the controller reach a node at. */
  public String addressOf(NodeRef ref) {
    return host(ref.host()).address();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Inventory i && source.equals(i.source) && hosts.equals(i.hosts) && clusters.equals(i.clusters)
        && replication.equals(i.replication) && timeouts.equals(i.timeouts) && tlsDir.equals(i.tlsDir)
        && goneHosts.equals(i.goneHosts) && engines.equals(i.engines);
  }

  @Override
  public int hashCode() {
    return Objects.hash(source, hosts, clusters, replication, timeouts, tlsDir, goneHosts, engines);
  }

  @Override
  public String toString() {
    return "Inventory[source=" + source + ", hosts=" + hosts + ", clusters=" + clusters + ", replication="
        + replication + ", timeouts=" + timeouts + ", tlsDir=" + tlsDir + ", goneHosts=" + goneHosts + ", engines="
        + engines + "]";
  }
}
