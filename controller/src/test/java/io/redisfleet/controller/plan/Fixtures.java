package io.redisfleet.controller.plan;

import io.redisfleet.controller.model.Engines;
import io.redisfleet.controller.model.AgentMode;
import io.redisfleet.controller.model.ClusterNodeView;
import io.redisfleet.controller.model.ClusterSpec;
import io.redisfleet.controller.model.ClusterState;
import io.redisfleet.controller.model.ConfDrift;
import io.redisfleet.controller.model.Host;
import io.redisfleet.controller.model.HostObservation;
import io.redisfleet.controller.model.Inventory;
import io.redisfleet.controller.model.NodeDecl;
import io.redisfleet.controller.model.NodeRef;
import io.redisfleet.controller.model.ObservedNode;
import io.redisfleet.controller.model.Role;
import io.redisfleet.controller.model.Observation;
import io.redisfleet.controller.model.ReplicationGroup;
import io.redisfleet.controller.model.SlotRange;
import io.redisfleet.controller.model.Timeouts;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Hand-made inventories and observed states for planner tests. */
final class Fixtures {

  private Fixtures() {}

  static NodeRef ref(String s) {
    String[] p = s.split(":");
    return new NodeRef(p[0], Integer.parseInt(p[1]));
  }

  /** The tutorial: h1 7000-7002, h2 7003-7005, replicas 1, plus a pair on h1 6380 -> 6381. */
  static Inventory tutorial() {
    return tutorialWith(List.of());
  }

  /** The tutorial with the given directives on every node. */
  static Inventory tutorialWith(List<io.redisfleet.controller.model.Directive> directives) {
    return tutorialWith(directives, List.of());
  }

  /** The tutorial's cluster with extra nodes declared after its six (a scale out). */
  static Inventory tutorialPlus(String... extra) {
    return tutorialWith(List.of(), List.of(extra));
  }

  /** The tutorial's hosts and pair with a cluster of exactly these nodes. */
  static Inventory clusterOf(List<String> declared) {
    return inventory(List.of(), declared);
  }

  private static Inventory tutorialWith(List<io.redisfleet.controller.model.Directive> directives, List<String> extra) {
    List<String> declared = new ArrayList<>(List.of("h1:7000", "h1:7001", "h1:7002", "h2:7003", "h2:7004", "h2:7005"));
    declared.addAll(extra);
    return inventory(directives, declared);
  }

  private static Inventory inventory(List<io.redisfleet.controller.model.Directive> directives, List<String> declared) {
    Map<String, Host> hosts = Map.of(
        "h1", new Host("h1", "127.0.0.1", 7781, AgentMode.REMOTE, Map.of(), Optional.empty()),
        "h2", new Host("h2", "127.0.0.2", 7781, AgentMode.REMOTE, Map.of(), Optional.empty()));
    List<NodeDecl> nodes = declared.stream().map(s -> new NodeDecl(ref(s), directives)).toList();
    ReplicationGroup pair = new ReplicationGroup("pair", new NodeDecl(ref("h1:6380"), directives),
        List.of(new NodeDecl(ref("h1:6381"), directives)));
    return new Inventory("test.conf", hosts, List.of(new ClusterSpec("main", 1, nodes)), List.of(pair),
        Timeouts.DEFAULT, Optional.empty(), Map.of(), Engines.ANY);
  }

  /** Both agents answer; no node exists yet. */
  static Observation empty(Inventory inventory) {
    Map<String, HostObservation> hosts = new HashMap<>();
    inventory.hosts().keySet().forEach(h -> hosts.put(h,
        new HostObservation.Reachable(h, "process", "7.0.15", List.of(), Map.of())));
    return new Observation(hosts);
  }

  /** A state builder: nodes added one by one, then {@link #build()}. */
  static final class State {
    private final Inventory inventory;
    private final Map<String, Map<Integer, ObservedNode>> nodes = new LinkedHashMap<>();
    private final Set<String> unreachable = new HashSet<>();
    private final Map<NodeRef, io.redisfleet.controller.model.ServerVersion> running = new HashMap<>();

    State(Inventory inventory) {
      this.inventory = inventory;
      inventory.hosts().keySet().forEach(h -> nodes.put(h, new HashMap<>()));
    }

    State put(ObservedNode node) {
      nodes.get(node.ref().host()).put(node.ref().port(), node);
      return this;
    }

    /** The node is no longer run by its host's agent (its peers may still know it). */
    State drop(NodeRef ref) {
      nodes.get(ref.host()).remove(ref.port());
      return this;
    }

    /** What the node's process runs, as its agent reports it. */
    State running(NodeRef ref, io.redisfleet.controller.model.ServerVersion version) {
      running.put(ref, version);
      return this;
    }

    State unreachable(String host) {
      unreachable.add(host);
      return this;
    }

    /** Every cluster node running, formed per the layout, converged; the pair linked. */
    State converged(Layout layout) {
      List<NodeRef> all = inventory.clusters().get(0).refs();
      List<SlotRange> split = SlotAllocator.split(layout.masters().size());
      List<ClusterNodeView> views = new ArrayList<>();
      for (NodeRef r : all) {
        int m = layout.masters().indexOf(r);
        views.add(new ClusterNodeView(id(r), inventory.addressOf(r), r.port(),
            Set.of(m >= 0 ? "master" : "slave"), m >= 0 ? "" : id(layout.replicaOf().get(r)), 1, true,
            m >= 0 ? List.of(split.get(m)) : List.of(), List.of()));
      }
      for (NodeRef r : all) {
        List<ClusterNodeView> mine = views.stream().map(v -> v.id().equals(id(r)) ? withMyself(v) : v).toList();
        boolean replica = !layout.masters().contains(r);
        put(node(r, replica ? "replica" : "master", true, 0,
            Optional.of(new ClusterState(id(r), "ok", all.size(), 6, 1, mine))));
      }
      put(node(ref("h1:6380"), "master", true, 0, Optional.empty()));
      put(new ObservedNode(ref("h1:6381"), true, true, 2, true, "", Role.REPLICA, Optional.of("127.0.0.1:6380"),
          true, 0, 0, Optional.empty(), false, 0, "run", ConfDrift.none()));
      return this;
    }

    Observation build() {
      Map<String, HostObservation> hosts = new HashMap<>();
      nodes.forEach((h, n) -> hosts.put(h, unreachable.contains(h)
          ? new HostObservation.Unreachable(h, "connection refused")
          : new HostObservation.Reachable(h, "process", "7.0.15", List.copyOf(n.keySet()), n,
              io.redisfleet.controller.model.InstalledServer.UNKNOWN, runningOn(h))));
      return new Observation(hosts);
    }

    private Map<Integer, io.redisfleet.controller.model.ServerVersion> runningOn(String host) {
      Map<Integer, io.redisfleet.controller.model.ServerVersion> out = new HashMap<>();
      running.forEach((r, v) -> {
        if (r.host().equals(host)) {
          out.put(r.port(), v);
        }
      });
      return out;
    }
  }

  static String id(NodeRef r) {
    return "id-" + r.host() + "-" + r.port();
  }

  static ClusterNodeView withMyself(ClusterNodeView v) {
    Set<String> flags = new HashSet<>(v.flags());
    flags.add("myself");
    return new ClusterNodeView(v.id(), v.host(), v.port(), flags, v.masterId(), v.configEpoch(), v.connected(),
        v.slots(), v.migrating());
  }

  static ObservedNode node(NodeRef r, String role, boolean linkUp, long keys, Optional<ClusterState> cluster) {
    return node(r, Role.of(role), linkUp, keys, cluster);
  }

  static ObservedNode node(NodeRef r, Role role, boolean linkUp, long keys, Optional<ClusterState> cluster) {
    return new ObservedNode(r, true, true, 1000 + r.port(), true, "", role, Optional.empty(), linkUp, 0, keys,
        cluster, cluster.isPresent(), 0, "run", ConfDrift.none());
  }

  /** A running, fresh cluster node: knows only itself. */
  static ObservedNode fresh(Inventory inventory, NodeRef r, long keys) {
    ClusterNodeView self = new ClusterNodeView(id(r), "", r.port(), Set.of("myself", "master"), "", 0, true,
        List.of(), List.of());
    return node(r, "master", false, keys, Optional.of(new ClusterState(id(r), "fail", 1, 0, 0, List.of(self))));
  }
}
