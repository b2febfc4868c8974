package io.redisfleet.controller.plan;

import io.redisfleet.controller.model.ClusterNodeView;
import io.redisfleet.controller.model.ClusterSpec;
import io.redisfleet.controller.model.ClusterState;
import io.redisfleet.controller.model.Inventory;
import io.redisfleet.controller.model.NodeRef;
import io.redisfleet.controller.model.ObservedNode;
import io.redisfleet.controller.model.Observation;
import io.redisfleet.controller.model.SlotRange;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

/**
 * The observed side of one declared cluster: which declared nodes answer with a cluster view,
 * their ids, and the roles and slots they claim for themselves. Ids are the only reliable way
 * to match nodes across views (a node may know itself by another address than its peers do).
 */
final class ClusterMembers {

  private static final Pattern OPEN = Pattern.compile("\\[(\\d+)-([<>])-([^\\]]+)]");

  private final ClusterSpec spec;
  private final Inventory inventory;
  private final Map<NodeRef, ObservedNode> live = new LinkedHashMap<>();
  private final Map<String, NodeRef> refById = new HashMap<>();
  /** Leaving nodes an agent runs (scale in), by id: open slots towards them are finished too. */
  private final Map<String, NodeRef> leavingById = new HashMap<>();
  private final Map<NodeRef, ObservedNode> leavingLive = new LinkedHashMap<>();
  /** Declared nodes on hosts whose agent did not answer, in inventory order. */
  private final List<NodeRef> absent = new ArrayList<>();
  /** An absent node as the live members see it (their line at its address), when one does. */
  private final Map<NodeRef, ClusterNodeView> absentSeen = new LinkedHashMap<>();

  ClusterMembers(ClusterSpec spec, Inventory inventory, Observation observation) {
    this.spec = spec;
    this.inventory = inventory;
    for (NodeRef ref : spec.refs()) {
      if (!observation.hostReachable(ref.host())) {
        absent.add(ref);
      }
      observation.node(ref)
          .filter(n -> n.running() && n.reachable() && n.cluster().isPresent())
          .ifPresent(n -> {
            live.put(ref, n);
            refById.put(n.cluster().get().myId(), ref);
          });
    }
    for (NodeRef ref : absent) {
      seenByPeers(ref).ifPresent(line -> {
        absentSeen.put(ref, line);
        refById.putIfAbsent(line.id(), ref);
      });
    }
  }

  /**
   * An absent node's line in a formed live member's view, found by its inventory address (a line
   * that is not failed first): its id, role and slots as the cluster knows them, so the layout and
   * the slot map are planned as if its host had answered.
   */
  private Optional<ClusterNodeView> seenByPeers(NodeRef ref) {
    String address = inventory.addressOf(ref);
    return live.keySet().stream().filter(this::formed)
        .flatMap(m -> view(m).nodes().stream())
        .filter(n -> n.host().equals(address) && n.port() == ref.port() && !n.handshake()
            && !n.flags().contains("noaddr") && !refById.containsKey(n.id()))
        .min(java.util.Comparator.comparing(ClusterNodeView::failing));
  }

  /** Declared nodes whose host did not answer: no step may act on them or wait for them. */
  List<NodeRef> absent() {
    return absent;
  }

  /** Declared nodes whose host answered, in inventory order. */
  List<NodeRef> present() {
    return spec.refs().stream().filter(r -> !absent.contains(r)).toList();
  }

  /** An absent node's line as the live members see it. */
  Optional<ClusterNodeView> absentSeen(NodeRef ref) {
    return Optional.ofNullable(absentSeen.get(ref));
  }

  Map<NodeRef, ObservedNode> live() {
    return live;
  }

  ClusterState view(NodeRef ref) {
    return live.get(ref).cluster().orElseThrow();
  }

  Optional<String> idOf(NodeRef ref) {
    return Optional.ofNullable(live.get(ref)).flatMap(ObservedNode::cluster).map(ClusterState::myId);
  }

  void leaving(String id, NodeRef ref) {
    leavingById.put(id, ref);
  }

  /**
   * A leaving node as its own agent observed it: its open slots count too (a move between two
   * leaving nodes, killed halfway, is reported by neither remaining member).
   */
  void leavingObserved(NodeRef ref, ObservedNode node) {
    if (node.running() && node.reachable() && node.cluster().isPresent()) {
      leavingLive.put(ref, node);
    }
  }

  /** A declared node's view of a peer, by id, else by the peer's inventory address. */
  Optional<NodeRef> refOf(ClusterNodeView peer) {
    NodeRef byId = refById.get(peer.id());
    if (byId != null) {
      return Optional.of(byId);
    }
    return spec.refs().stream()
        .filter(r -> inventory.addressOf(r).equals(peer.host()) && r.port() == peer.port())
        .findFirst();
  }

  /** True when the node's own view says it belongs to a cluster (knows others or owns slots). */
  boolean formed(NodeRef ref) {
    ClusterState view = view(ref);
    return view.knownNodes() > 1 || view.myself().map(m -> m.slotCount() > 0).orElse(false);
  }

  /**
   * Masters that own slots, as each says of itself (an absent one: as its peers see it), in
   * inventory order.
   */
  List<NodeRef> mastersWithSlots() {
    List<NodeRef> out = new ArrayList<>();
    spec.refs().forEach(ref -> self(ref)
        .filter(m -> m.isMaster() && m.slotCount() > 0)
        .ifPresent(m -> out.add(ref)));
    return out;
  }

  /** Replicas attached to a declared master, as each says of itself (an absent one: as its peers see it). */
  Map<NodeRef, NodeRef> replicaOf() {
    Map<NodeRef, NodeRef> out = new LinkedHashMap<>();
    spec.refs().forEach(ref -> self(ref)
        .filter(m -> !m.isMaster() && !m.masterId().isEmpty())
        .flatMap(m -> Optional.ofNullable(refById.get(m.masterId())))
        .ifPresent(master -> out.put(ref, master)));
    return out;
  }

  /** A live node's own line, else an absent node's line in its peers' views. */
  private Optional<ClusterNodeView> self(NodeRef ref) {
    return live.containsKey(ref) ? view(ref).myself() : absentSeen(ref);
  }

  /** Every slot range claimed by a master in any live view. */
  List<SlotRange> claimedSlots() {
    List<SlotRange> out = new ArrayList<>();
    live.keySet().forEach(ref -> view(ref).nodes().stream()
        .filter(ClusterNodeView::isMaster)
        .forEach(n -> out.addAll(n.slots())));
    return out;
  }

  /** The slots each master claims for itself (an absent one: as its peers see it), in inventory order. */
  Map<NodeRef, List<Integer>> ownSlots() {
    Map<NodeRef, List<Integer>> out = new LinkedHashMap<>();
    spec.refs().forEach(ref -> self(ref).filter(m -> m.isMaster() && m.slotCount() > 0).ifPresent(m -> {
      List<Integer> slots = new ArrayList<>();
      m.slots().forEach(r -> IntStream.rangeClosed(r.start(), r.end()).forEach(slots::add));
      out.put(ref, slots);
    }));
    return out;
  }

  /**
   * Slots a live node reports open in its own line ("[s->-id]" migrating to id, "[s-<-id]"
   * importing from id), as (source, target) pairs of declared nodes with their slots; an open
   * slot towards a node this cluster does not declare is added to {@code foreign}.
   */
  Map<List<NodeRef>, SortedSet<Integer>> openSlots(List<String> foreign) {
    Map<List<NodeRef>, SortedSet<Integer>> out = new LinkedHashMap<>();
    Map<NodeRef, ObservedNode> all = new LinkedHashMap<>(live);
    all.putAll(leavingLive);
    all.forEach((ref, node) -> node.cluster().orElseThrow().myself().ifPresent(me -> me.migrating().forEach(entry -> {
      Matcher m = OPEN.matcher(entry);
      if (!m.matches()) {
        return;
      }
      int slot = Integer.parseInt(m.group(1));
      NodeRef peer = refById.getOrDefault(m.group(3), leavingById.get(m.group(3)));
      if (peer == null || slot >= SlotRange.SLOTS) {
        foreign.add(ref + " " + entry);
        return;
      }
      List<NodeRef> pair = m.group(2).equals(">") ? List.of(ref, peer) : List.of(peer, ref);
      out.computeIfAbsent(pair, k -> new TreeSet<>()).add(slot);
    })));
    return out;
  }

  /**
   * The formed members that {@code ref} is connected to through "knows" (either direction), so
   * one cluster gives one group and two clusters two.
   */
  java.util.Set<NodeRef> group(NodeRef ref) {
    java.util.Set<NodeRef> seen = new java.util.LinkedHashSet<>(List.of(ref));
    java.util.Deque<NodeRef> todo = new java.util.ArrayDeque<>(List.of(ref));
    while (!todo.isEmpty()) {
      NodeRef a = todo.pop();
      for (NodeRef b : live.keySet()) {
        if (formed(b) && !seen.contains(b) && (knows(a, b) || knows(b, a))) {
          seen.add(b);
          todo.push(b);
        }
      }
    }
    return seen;
  }

  private boolean knows(NodeRef who, NodeRef whom) {
    String id = view(whom).myId();
    return view(who).byId(id).map(n -> !n.handshake()).orElse(false);
  }

  long maxEpoch() {
    return live.values().stream()
        .mapToLong(n -> n.cluster().map(ClusterState::currentEpoch).orElse(0L)).max().orElse(0L);
  }
}
