package io.redisfleet.controller.plan;

import io.redisfleet.controller.model.ClusterNodeView;
import io.redisfleet.controller.model.ClusterState;
import io.redisfleet.controller.model.ConfDrift;
import io.redisfleet.controller.model.HostObservation;
import io.redisfleet.controller.model.Inventory;
import io.redisfleet.controller.model.NodeRef;
import io.redisfleet.controller.model.ObservedNode;
import io.redisfleet.controller.model.Role;
import io.redisfleet.controller.model.Observation;
import io.redisfleet.controller.model.SlotRange;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

/**
 * A pure simulated Redis Cluster fleet for the model-based planner test: node ids, roles, the
 * slots each master claims, keys per slot on each master, who knows whom, open slots. It turns
 * itself into the {@link Observation} the planner reads and runs the planner's {@link Step}s with
 * the refusals real Redis and the agent apply (CLUSTER REPLICATE on a node with slots or keys or
 * of an id it does not know, SETSLOT naming a node the other does not know,
 * RESET of a master with keys, RemoveNode of a node with keys without force, ADDSLOTS of a busy
 * slot). Gossip is instant: a node's view of a peer is the peer's own state, or the last one it
 * had before it stopped.
 */
final class SimFleet {

  /** One redis-server. Keys live on masters only; a replica mirrors its master. */
  static final class Node {
    final NodeRef ref;
    final String id;
    boolean running = true;
    String masterId = "";
    final BitSet slots = new BitSet(SlotRange.SLOTS);
    final Map<Integer, Integer> keys = new TreeMap<>();
    final Set<String> knows = new HashSet<>();
    /** Open slots: slot -> peer id (migrating to it, or importing from it). */
    final Map<Integer, String> migrating = new TreeMap<>();
    final Map<Integer, String> importing = new TreeMap<>();
    long epoch;
    long currentEpoch;

    Node(NodeRef ref, String id) {
      this.ref = ref;
      this.id = id;
    }

    boolean master() {
      return masterId.isEmpty();
    }

    int keyCount() {
      return keys.values().stream().mapToInt(Integer::intValue).sum();
    }
  }

  /** A step the simulated fleet refused, as the agent or Redis would. */
  static final class Refused extends Exception {
    private static final long serialVersionUID = 1L;

    Refused(String message) {
      super(message);
    }
  }

  final Map<NodeRef, Node> nodes = new LinkedHashMap<>();
  /** What every peer last heard of a node that stopped or was removed, by id. */
  private final Map<String, Node> lastSeen = new HashMap<>();
  private final Inventory addresses;
  private int nextId;

  SimFleet(Inventory addresses) {
    this.addresses = addresses;
  }

  Optional<Node> byId(String id) {
    return nodes.values().stream().filter(n -> n.id.equals(id)).findFirst();
  }

  /** An id with the node it is or was, for failure messages. */
  String describe(String id) {
    Node n = byId(id).orElse(lastSeen.get(id));
    return id.substring(id.length() - 4) + (n == null ? " (never seen)" : " (" + n.ref + (nodes.get(n.ref) == n
        ? ", running " + n.running : ", removed") + ")");
  }

  Node node(NodeRef ref) {
    return nodes.get(ref);
  }

  /** The keys of a slot, wherever they are (a slot mid-move has them on two masters). */
  int keysOf(int slot) {
    return nodes.values().stream().filter(Node::master).mapToInt(n -> n.keys.getOrDefault(slot, 0)).sum();
  }

  // ---- observation -------------------------------------------------------------------------

  Observation observe(Inventory inventory) {
    return observe(inventory, Optional.empty());
  }

  /** As {@link #observe(Inventory)}, with {@code away}'s agent not answering (its nodes run on). */
  Observation observe(Inventory inventory, Optional<String> away) {
    Map<String, Map<Integer, ObservedNode>> byHost = new TreeMap<>();
    inventory.hosts().keySet().forEach(h -> byHost.put(h, new HashMap<>()));
    for (Node n : nodes.values()) {
      byHost.computeIfAbsent(n.ref.host(), h -> new HashMap<>()).put(n.ref.port(), observed(n));
    }
    Map<String, HostObservation> hosts = new HashMap<>();
    byHost.forEach((h, m) -> hosts.put(h, away.filter(h::equals).isPresent()
        ? new HostObservation.Unreachable(h, "simulated: agent down")
        : new HostObservation.Reachable(h, "process", "7.0.15", List.copyOf(m.keySet()), m)));
    return new Observation(hosts);
  }

  ObservedNode observed(Node n) {
    if (!n.running) {
      return new ObservedNode(n.ref, true, false, 0, false, "not running", Role.UNKNOWN, Optional.empty(), false, 0, 0,
          Optional.empty(), true, 0, "", ConfDrift.none());
    }
    Optional<Node> master = n.master() ? Optional.empty() : byId(n.masterId);
    long keys = n.master() ? n.keyCount() : master.map(Node::keyCount).orElse(0);
    return new ObservedNode(n.ref, true, true, 1000 + n.ref.port(), true, "", n.master() ? Role.MASTER : Role.REPLICA,
        master.map(m -> address(m.ref) + ":" + m.ref.port()), master.map(m -> m.running).orElse(false), 0, keys,
        Optional.of(view(n)), true, 0, "run-" + n.id, ConfDrift.none());
  }

  private String address(NodeRef ref) {
    return addresses.hosts().get(ref.host()).address();
  }

  private ClusterState view(Node n) {
    List<ClusterNodeView> lines = new ArrayList<>();
    lines.add(line(n, true, false));
    for (String id : n.knows) {
      Optional<Node> peer = byId(id).filter(p -> p.running);
      Node seen = peer.orElse(lastSeen.get(id));
      if (seen != null) {
        lines.add(line(seen, false, peer.isEmpty()));
      }
    }
    BitSet covered = new BitSet(SlotRange.SLOTS);
    lines.stream().filter(l -> l.isMaster() && !l.failing())
        .forEach(l -> l.slots().forEach(r -> covered.set(r.start(), r.end() + 1)));
    String state = covered.cardinality() == SlotRange.SLOTS ? "ok" : "fail";
    return new ClusterState(n.id, state, lines.size(), n.currentEpoch, n.epoch, lines);
  }

  private ClusterNodeView line(Node n, boolean myself, boolean failed) {
    Set<String> flags = new HashSet<>();
    flags.add(n.master() ? "master" : "slave");
    if (myself) {
      flags.add("myself");
    }
    if (failed) {
      flags.add("fail");
    }
    List<String> open = new ArrayList<>();
    if (myself) {
      n.migrating.forEach((s, to) -> open.add("[" + s + "->-" + to + "]"));
      n.importing.forEach((s, from) -> open.add("[" + s + "-<-" + from + "]"));
    }
    return new ClusterNodeView(n.id, address(n.ref), n.ref.port(), flags, n.masterId, n.epoch, !failed,
        n.master() ? ranges(n.slots) : List.of(), open);
  }

  private static List<SlotRange> ranges(BitSet slots) {
    List<SlotRange> out = new ArrayList<>();
    for (int start = slots.nextSetBit(0); start >= 0; start = slots.nextSetBit(start)) {
      int end = slots.nextClearBit(start);
      out.add(new SlotRange(start, end - 1));
      start = end;
    }
    return out;
  }

  // ---- steps -------------------------------------------------------------------------------

  /** Runs a step; {@code cutAfter} >= 0 kills the controller inside a slot move after that many slots. */
  void run(Step step, int cutAfter, Random random) throws Refused {
    if (step instanceof Step.ApplyNode s) {
      Node n = nodes.get(s.node());
      if (n == null) {
        n = new Node(s.node(), String.format("%040x", ++nextId));
        nodes.put(s.node(), n);
      }
      n.running = true;
    } else if (step instanceof Step.SetConfigEpoch s) {
      Node n = live(s.node());
      n.epoch = s.epoch();
      n.currentEpoch = Math.max(n.currentEpoch, s.epoch());
    } else if (step instanceof Step.AddSlots s) {
      Node n = live(s.node());
      for (SlotRange r : s.ranges()) {
        for (int slot = r.start(); slot <= r.end(); slot++) {
          if (claimedInViewOf(n, slot)) {
            throw new Refused("ERR Slot " + slot + " is already busy");
          }
        }
      }
      s.ranges().forEach(r -> n.slots.set(r.start(), r.end() + 1));
    } else if (step instanceof Step.Meet s) {
      meet(live(s.node()), live(s.target()));
    } else if (step instanceof Step.MigrateSlots s) {
      migrate(live(s.node()), live(s.target()), s.ranges(), cutAfter, random);
    } else if (step instanceof Step.Replicate s) {
      Node n = live(s.node());
      Node m = live(s.master());
      if (!m.master()) {
        throw new Refused("ERR I can only replicate a master, not a replica");
      }
      if (!n.knows.contains(m.id)) {
        // a node replaced empty after the plan was made knows nobody yet
        throw new Refused("ERR Unknown node " + m.id);
      }
      if (!n.slots.isEmpty() || n.keyCount() > 0) {
        throw new Refused("ERR To set a master the node must be empty and without assigned slots");
      }
      n.masterId = m.id;
      n.keys.clear();
    } else if (step instanceof Step.Forget s) {
      Node n = live(s.node());
      if (n.masterId.equals(s.leavingId())) {
        throw new Refused("ERR Can't forget my master!");
      }
      n.knows.remove(s.leavingId());
    } else if (step instanceof Step.ForgetStale s) {
      Node n = live(s.node());
      if (n.masterId.equals(s.staleId())) {
        throw new Refused("ERR Can't forget my master!");
      }
      n.knows.remove(s.staleId());
    } else if (step instanceof Step.LeaveCluster s) {
      Node n = live(s.node());
      if (n.master() && n.keyCount() > 0) {
        throw new Refused("agent: CLUSTER RESET: a master holding keys");
      }
      n.knows.clear();
      n.slots.clear();
      n.masterId = "";
      n.keys.clear();
      n.migrating.clear();
      n.importing.clear();
    } else if (step instanceof Step.RemoveNode s) {
      Node n = nodes.get(s.node());
      if (n != null && n.running && !s.force() && observed(n).keys() > 0) {
        throw new Refused("agent: remove: node holds keys; use --force");
      }
      if (n != null) {
        lastSeen.put(n.id, n);
        nodes.remove(s.node());
      }
    } else if (step instanceof Step.Failover s) {
      failover(live(s.node()));
    } else if (step instanceof Step.WaitClusterJoined s) {
      for (NodeRef a : s.nodes()) {
        for (NodeRef b : s.nodes()) {
          if (!a.equals(b) && !live(a).knows.contains(live(b).id)) {
            throw new Refused("timeout: " + a + " does not know " + b);
          }
        }
      }
    } else if (step instanceof Step.WaitClusterReady s) {
      String signature = null;
      for (NodeRef a : s.nodes()) {
        ClusterState v = view(live(a));
        if (!v.ok() || (signature != null && !signature.equals(v.signature()))) {
          throw new Refused("timeout: " + a + " is not ready");
        }
        signature = v.signature();
      }
    } else if (step instanceof Step.WaitReplicasLinked s) {
      for (NodeRef r : s.replicas()) {
        Node n = live(r);
        if (n.master() || byId(n.masterId).filter(m -> m.running).isEmpty()) {
          throw new Refused("timeout: " + r + " has no link to a master");
        }
      }
    } else if (step instanceof Step.WaitFailover s) {
      if (!live(s.node()).master()) {
        throw new Refused("timeout: " + s.node() + " did not take over");
      }
    } else {
      throw new Refused("not simulated: " + step.kind());
    }
  }

  private Node live(NodeRef ref) throws Refused {
    Node n = nodes.get(ref);
    if (n == null || !n.running) {
      throw new Refused(ref + " is not running");
    }
    return n;
  }

  private boolean claimedInViewOf(Node n, int slot) {
    return n.knows.stream().map(id -> byId(id).orElse(lastSeen.get(id)))
        .anyMatch(p -> p != null && p.master() && p.slots.get(slot));
  }

  /**
   * Time passing: a node that forgot a peer learns it again from the gossip of any node it talks
   * to that still knows the peer (Redis keeps a forgotten id out for 60 s only). A node all its
   * peers forgot stays forgotten: a PING from an unknown node is ignored, only MEET adds one.
   */
  void gossip() {
    boolean changed = true;
    while (changed) {
      changed = false;
      for (Node x : nodes.values()) {
        if (!x.running) {
          continue;
        }
        for (String yid : List.copyOf(x.knows)) {
          Node y = byId(yid).filter(p -> p.running && p.knows.contains(x.id)).orElse(null);
          if (y == null) {
            continue;
          }
          for (String z : y.knows) {
            if (!z.equals(x.id) && !x.knows.contains(z) && byId(z).filter(p -> p.running).isPresent()) {
              x.knows.add(z);
              changed = true;
            }
          }
        }
      }
    }
  }

  /** A MEET merges the two nodes' clusters: gossip soon has everybody know everybody. */
  private void meet(Node a, Node b) {
    Set<Node> all = new HashSet<>(component(a));
    all.addAll(component(b));
    for (Node x : all) {
      for (Node y : all) {
        if (x != y) {
          x.knows.add(y.id);
        }
      }
    }
  }

  private Set<Node> component(Node n) {
    Set<Node> out = new HashSet<>();
    out.add(n);
    n.knows.forEach(id -> byId(id).filter(p -> p.knows.contains(n.id)).ifPresent(out::add));
    return out;
  }

  /** The agent's MigrateSlots: per slot IMPORTING, MIGRATING, keys, then NODE; open ones finished. */
  private void migrate(Node source, Node target, List<SlotRange> ranges, int cutAfter, Random random) throws Refused {
    if (!source.master() || !target.master()) {
      throw new Refused("ERR Please use SETSLOT only with masters (" + (source.master() ? target.ref : source.ref) + ")");
    }
    if (!target.knows.contains(source.id) || !source.knows.contains(target.id)) {
      throw new Refused("ERR I don't know about node " + (target.knows.contains(source.id) ? target.id : source.id));
    }
    int done = 0;
    for (SlotRange r : ranges) {
      for (int slot = r.start(); slot <= r.end(); slot++) {
        if (target.slots.get(slot)) {
          source.migrating.remove(slot);
          target.importing.remove(slot);
          continue;
        }
        if (!source.slots.get(slot)) {
          throw new Refused("ERR slot " + slot + " is not owned by " + source.ref);
        }
        if (cutAfter >= 0 && done == cutAfter) {
          source.migrating.put(slot, target.id);
          target.importing.put(slot, source.id);
          int keys = source.keys.getOrDefault(slot, 0);
          int moved = keys == 0 ? 0 : random.nextInt(keys + 1);
          shift(source, target, slot, moved);
          throw new Refused("controller killed inside the move of slot " + slot);
        }
        shift(source, target, slot, source.keys.getOrDefault(slot, 0));
        source.slots.clear(slot);
        target.slots.set(slot);
        source.migrating.remove(slot);
        target.importing.remove(slot);
        done++;
      }
    }
    if (source.slots.isEmpty() && source.master() && target.master() && done > 0) {
      // Redis 7: a master that gave its last slot follows the taker, and so do its replicas
      nodes.values().stream().filter(n -> n.masterId.equals(source.id)).forEach(n -> n.masterId = target.id);
      source.masterId = target.id;
      source.keys.clear();
    }
  }

  private static void shift(Node source, Node target, int slot, int count) {
    if (count == 0) {
      return;
    }
    source.keys.merge(slot, -count, Integer::sum);
    source.keys.remove(slot, 0);
    target.keys.merge(slot, count, Integer::sum);
  }

  /** A coordinated failover: the replica takes the master's slots and keys; the master follows it. */
  void failover(Node replica) throws Refused {
    Node master = byId(replica.masterId).filter(m -> m.running).orElseThrow(() -> new Refused("no master"));
    if (!master.migrating.isEmpty() || !master.importing.isEmpty()) {
      throw new Refused("master has open slots");
    }
    replica.slots.or(master.slots);
    master.slots.clear();
    replica.keys.putAll(master.keys);
    master.keys.clear();
    replica.masterId = "";
    master.masterId = replica.id;
    nodes.values().stream().filter(n -> n != replica && n.masterId.equals(master.id)).forEach(n -> n.masterId = replica.id);
    replica.epoch = Math.max(replica.epoch, master.epoch) + 1;
  }

  /**
   * A disk replaced (issue #8.2): the node at {@code ref} comes back at its old address with a new
   * id, empty, knowing nobody; its peers keep the old id, which Redis shows failed for good. Only
   * a replica: a master with data is failed over by Redis first (a schedule event of its own), and
   * it is then a replica. (An empty master replaced between the ADDSLOTS steps of a create would
   * be given its slots under the new id, alone: left out, see docs/architecture.md.) False if not
   * a running replica.
   */
  boolean replace(NodeRef ref) {
    Node old = nodes.get(ref);
    if (old == null || !old.running || old.master()) {
      return false;
    }
    lastSeen.put(old.id, old);
    nodes.put(ref, new Node(ref, String.format("%040x", ++nextId)));
    return true;
  }

  /**
   * A host lost for good (issue #8.3): Redis fails each of its masters that holds data over to a
   * running replica on another host (the majority of masters survives), then every node on the
   * host vanishes; the peers keep their ids. False, with nothing vanished, when a master there has
   * no such replica (its shard would be lost: that path needs --force) or cannot fail over.
   */
  boolean vanish(String host) {
    for (Node m : List.copyOf(nodes.values())) {
      if (!m.ref.host().equals(host) || !m.running || !m.master() || m.slots.isEmpty() && m.keyCount() == 0) {
        continue;
      }
      Optional<Node> replica = nodes.values().stream().filter(r -> r.running && !r.ref.host().equals(host)
          && r.masterId.equals(m.id) && m.knows.contains(r.id)).findFirst();
      if (replica.isEmpty()) {
        return false;
      }
      try {
        failover(replica.get());
      } catch (Refused e) {
        return false;
      }
    }
    for (Node n : List.copyOf(nodes.values())) {
      if (n.ref.host().equals(host)) {
        lastSeen.put(n.id, n);
        nodes.remove(n.ref);
      }
    }
    return true;
  }

  /** An acknowledged write to a slot whose owner serves it (no write is taken while a slot is open). */
  boolean write(int slot) {
    for (Node n : nodes.values()) {
      if (n.running && n.master() && n.slots.get(slot) && !n.migrating.containsKey(slot)) {
        n.keys.merge(slot, 1, Integer::sum);
        return true;
      }
    }
    return false;
  }
}
