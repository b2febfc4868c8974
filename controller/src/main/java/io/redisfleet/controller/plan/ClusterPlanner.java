package io.redisfleet.controller.plan;

import io.redisfleet.controller.model.ClusterSpec;
import io.redisfleet.controller.model.Endpoint;
import io.redisfleet.controller.model.Inventory;
import io.redisfleet.controller.model.NodeRef;
import io.redisfleet.controller.model.ObservedNode;
import io.redisfleet.controller.model.Readiness;
import io.redisfleet.controller.model.Observation;
import io.redisfleet.controller.model.SlotRange;
import io.redisfleet.controller.plan.Reason.Code;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Set;
import java.util.SortedSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Steps that form and complete one Redis Cluster, from nothing or from any half-done state.
 *
 * <p>The target layout is the deterministic placement of the inventory's nodes, so an apply
 * killed midway resumes towards the same layout. When the observed cluster contradicts it
 * (Redis failed a master over by itself), the observed roles win and only the gaps are filled.
 * Each step is emitted only for what is missing: slots nobody claims, nodes the anchor does not
 * know, replicas not attached to their master. Nodes that hold keys and would have to join a
 * cluster, or that know nodes outside the inventory, stop the cluster's plan with a problem.
 */
final class ClusterPlanner {

  private final ClusterSpec spec;
  private final Inventory inventory;
  private final Observation observation;
  private final PlanBuilder out;
  private final String scope;
  private final Problem.Scope where;
  /** Why forgets wait for every member (see removeLeaving and forgetStale). */
  private static final String ALL_FORGET = "every member must forget an id in the same stage: one that kept it"
      + " would teach it back to the others once Redis' 60 s ban ends";
  /** Members whose host did not answer: what waits for them (see {@link Partial}). */
  private Partial partial;
  /** apply --force: a lost shard's slots are assigned again, empty. */
  private boolean force;
  /** Masters on gone hosts still serving slots (see {@link GoneShards}). */
  private List<GoneShards.Gone> gone = List.of();
  /** Why the cluster cannot say cluster_state:ok in this plan, or null when it can. */
  private String okBlocked;
  /** Declared members whose host answered: the only ones steps act on or wait for. */
  private List<NodeRef> present = List.of();
  /** Masters without slots that will get some once open slots are closed (their replicas wait). */
  private final Set<NodeRef> awaitingSlots = new HashSet<>();
  /** Replicas whose attach this plan defers or refuses: linked by a later round, not waited for now. */
  private final Set<NodeRef> unattached = new HashSet<>();
  /** Nodes the cluster knows that the inventory no longer lists (scale in). */
  private List<LeavingNodes.Leaving> leaving = List.of();
  /**
   * Whether this plan moves every slot the leaving nodes serve. Only then may they be forgotten:
   * finishing an open slot, an unsettled slot map or a partial claim each stop the drain early,
   * and forgetting a master that still owns slots loses their keys.
   */
  private boolean drained;

  private ClusterPlanner(ClusterSpec spec, Inventory inventory, Observation observation, PlanBuilder out) {
    this.spec = spec;
    this.inventory = inventory;
    this.observation = observation;
    this.out = out;
    this.scope = "cluster " + spec.name();
    this.where = Problem.Scope.cluster(spec.name());
  }

  static void plan(ClusterSpec spec, Inventory inventory, Observation observation, PlanOptions options,
      PlanBuilder out) {
    ClusterPlanner planner = new ClusterPlanner(spec, inventory, observation, out);
    planner.force = options.force();
    planner.plan();
  }

  private void plan() {
    for (NodeRef ref : spec.refs()) {
      if (!observation.hostReachable(ref.host())) {
        continue; // absent: see Partial
      }
      Optional<ObservedNode> node = observation.node(ref);
      boolean live = node.map(n -> n.running() && n.reachable()).orElse(false);
      if ((live && node.get().cluster().isEmpty()) || (!live && node.map(ObservedNode::clusterConfigPresent).orElse(false))) {
        out.defer(scope + ": " + ref + " must be running in cluster mode before the cluster can be planned");
        return;
      }
    }
    ClusterMembers members = new ClusterMembers(spec, inventory, observation);
    partial = new Partial(members, inventory, observation, scope);
    if (members.present().isEmpty()) {
      out.defer(scope + ": not planned until one of its hosts answers");
      return;
    }
    partial.announce(out);
    List<StaleNodes.Stale> stale = StaleNodes.of(members, inventory, observation);
    gone = GoneShards.of(members, inventory);
    Set<String> notLeaving = new HashSet<>();
    stale.forEach(s -> notLeaving.add(s.id()));
    gone.forEach(g -> notLeaving.add(g.id()));
    leaving = partial.withoutUnreachable(LeavingNodes.of(members, inventory, observation, notLeaving), out);
    okBlocked = partial.unservable() ? "until " + partial.hosts() + " answer(s) or Redis fails their masters over"
        : goneBlock();
    if (ClusterSafety.refuse(members, leaving, where, out)) {
      return;
    }
    leaving.forEach(l -> {
      members.leaving(l.id(), l.ref().orElseThrow());
      observation.node(l.ref().get()).ifPresent(n -> members.leavingObserved(l.ref().get(), n));
    });
    Layout layout = targetLayout(members);
    present = members.present();
    forgetStale(members, stale); // changes no slot and no role: no wait follows from it
    forgetLost(members);
    PlanBuilder.Mark before = out.mark();
    setEpochs(members);
    List<NodeRef> slotted = addSlots(members, layout);
    meet(members);
    boolean joined = !out.changedSince(before) && allKnowEachOther(members);
    if (!joined) {
      out.step(new Step.WaitClusterJoined(spec.name(), present, inventory.timeouts().clusterJoin(),
          Reason.of(Code.AWAIT_CONVERGENCE, "nodes must know each other before replicas attach")));
    }
    slotted.addAll(moveSlots(members, layout, before));
    replicate(members, layout, slotted);
    removeLeaving(members, before);
    if (okBlocked == null && (out.changedSince(before) || !allReady(members))) {
      out.step(new Step.WaitClusterReady(spec.name(), present, inventory.timeouts().clusterJoin(),
          Reason.of(Code.AWAIT_CONVERGENCE, "every node must say cluster_state:ok")));
    }
    List<NodeRef> replicas = layout.replicaOf().entrySet().stream()
        .filter(e -> partial.reachable(e.getKey()) && partial.reachable(e.getValue()))
        .filter(e -> !unattached.contains(e.getKey())) // no wait for a link this plan does not make
        .map(Map.Entry::getKey).sorted().toList();
    boolean linksUp = replicas.stream().allMatch(r -> members.live().containsKey(r) && members.live().get(r).linkUp());
    if (!replicas.isEmpty() && (out.changedSince(before) || !linksUp)) {
      out.step(new Step.WaitReplicasLinked(scope, replicas, inventory.timeouts().replicaSync(),
          Reason.of(Code.AWAIT_CONVERGENCE, "replicas must be in sync")));
    }
  }

  /**
   * Every live member forgets every stale id (see {@link StaleNodes}) in one stage: a member that
   * kept one would teach it back to the others once Redis' 60 s ban on a forgotten id ends.
   * Members that do not list it get a no-op call, for the same reason as a scale in's forgets.
   */
  /**
   * What the masters of gone hosts leave to do: one whose replica lives waits for Redis to fail it
   * over; a lost shard is a problem, or with --force forgotten here and re-covered by addSlots.
   * Returns why the cluster cannot be ok in this plan, or null.
   */
  private String goneBlock() {
    String blocked = null;
    for (GoneShards.Gone g : gone) {
      if (g.takenOverBy().isPresent()) {
        out.defer(scope + ": " + g.takenOverBy().get() + " took over " + g.address() + " (" + g.id().substring(0, 8)
            + "…, on gone host " + g.host() + "), but not every member has learnt it yet (Redis gossip, within"
            + " a node timeout); it is forgotten once every view agrees");
        blocked = "until every member has learnt that " + g.takenOverBy().get() + " took over from " + g.address();
      } else if (!g.lost()) {
        out.defer(scope + ": " + g.address() + " (" + g.id().substring(0, 8) + "…, on gone host " + g.host()
            + ") still serves " + g.brief() + "; its replica " + g.replica().get() + " takes them over once Redis"
            + " fails it over (if the cluster lost its majority: CLUSTER FAILOVER TAKEOVER on "
            + g.replica().get() + "), then it is forgotten");
        blocked = "until " + g.replica().get() + " took over from " + g.address();
      } else if (!force) {
        out.problem(where, Problem.Code.SHARD_LOST, "shard of " + g.address() + " (" + g.id().substring(0, 8) + "…) is lost: every member was"
            + " on gone host(s); its " + g.brief() + " are served by nobody and their keys exist nowhere."
            + " apply --force assigns them again, empty, to the cluster's masters");
        blocked = "until the lost shard of " + g.address() + " is re-covered (apply --force)";
      }
    }
    return blocked;
  }

  /** With --force: every live member forgets each lost shard's master; addSlots re-covers its slots. */
  private void forgetLost(ClusterMembers members) {
    if (!force) {
      return;
    }
    if (partial.incomplete() && gone.stream().anyMatch(GoneShards.Gone::lost)) {
      out.defer(scope + ": the lost shard(s) are re-covered once " + partial.hosts() + " answer(s) (" + ALL_FORGET + ")");
      return;
    }
    for (GoneShards.Gone g : gone.stream().filter(GoneShards.Gone::lost).toList()) {
      for (NodeRef ref : members.live().keySet()) {
        out.step(new Step.ForgetStale(spec.name(), ref, g.id(), g.address(), true, Reason.of(Code.SHARD_LOST,
            "lost with gone host " + g.host() + "; its " + g.brief() + " are assigned again, empty (--force)")));
      }
    }
  }

  private void forgetStale(ClusterMembers members, List<StaleNodes.Stale> stale) {
    if (!stale.isEmpty() && partial.incomplete()) {
      out.defer(scope + ": stale id(s) " + String.join(", ", stale.stream().map(StaleNodes.Stale::address).toList())
          + " are forgotten once " + partial.hosts() + " answer(s) (" + ALL_FORGET + ")");
      return;
    }
    for (StaleNodes.Stale s : stale) {
      for (NodeRef ref : members.live().keySet()) {
        out.step(new Step.ForgetStale(spec.name(), ref, s.id(), s.address(), Reason.of(Code.STALE_NODE, s.why())));
      }
    }
  }

  private Layout targetLayout(ClusterMembers members) {
    Layout ideal = Placement.place(spec.refs(), spec.replicas(), inventory.hosts());
    List<NodeRef> fixedMasters = members.mastersWithSlots();
    Map<NodeRef, NodeRef> fixedReplicas = members.replicaOf();
    boolean followsIdeal = ideal.masters().containsAll(fixedMasters)
        && fixedReplicas.entrySet().stream()
            .allMatch(e -> e.getValue().equals(ideal.replicaOf().get(e.getKey())));
    return followsIdeal ? ideal : Placement.complete(spec.refs(), spec.replicas(), fixedMasters, fixedReplicas,
        inventory.hosts());
  }

  private void setEpochs(ClusterMembers members) {
    long base = members.maxEpoch();
    List<NodeRef> refs = spec.refs();
    for (int i = 0; i < refs.size(); i++) {
      NodeRef ref = refs.get(i);
      if (!partial.reachable(ref)) {
        continue;
      }
      boolean fresh = !members.live().containsKey(ref)
          || (!members.formed(ref) && members.view(ref).myEpoch() == 0);
      if (fresh) {
        out.step(new Step.SetConfigEpoch(spec.name(), ref, base + i + 1,
            Reason.of(Code.CLUSTER_NOT_FORMED, "fresh node needs a unique config epoch")));
      }
    }
  }

  /** Adds unclaimed slots; returns every master that owns or will own slots. */
  private List<NodeRef> addSlots(ClusterMembers members, Layout layout) {
    List<NodeRef> slotted = new ArrayList<>(members.mastersWithSlots());
    java.util.BitSet claimed = SlotAllocator.taken(members.claimedSlots());
    if (force) {
      GoneShards.lostSlots(gone).forEach(r -> claimed.clear(r.start(), r.end() + 1)); // forgotten above
    }
    List<SlotRange> split = SlotAllocator.split(layout.masters().size());
    for (int i = 0; i < layout.masters().size(); i++) {
      List<SlotRange> missing = SlotAllocator.uncovered(split.get(i), claimed);
      if (!missing.isEmpty() && partial.incomplete()) {
        out.defer(scope + ": slots " + SlotRanges.brief(missing) + " nobody serves are assigned once "
            + partial.hosts() + " answer(s) (a node there may claim them)");
      } else if (!missing.isEmpty()) {
        out.step(new Step.AddSlots(spec.name(), layout.masters().get(i), missing,
            seenId(members, layout.masters().get(i)), Reason.of(Code.SLOTS_UNCOVERED, "slots nobody serves")));
        slotted.add(layout.masters().get(i));
      }
    }
    return slotted;
  }

  /**
   * Meets every node the anchor does not know yet. One anchor, not a mesh: measured on 7.0.15,
   * MEETs from several nodes let masters know each other sooner (~250 ms vs ~1 s) but delay
   * cluster_state:ok to 5-15 s, while a star reaches ok at the 2 s floor Redis imposes.
   */
  private void meet(ClusterMembers members) {
    NodeRef anchor = present.stream()
        .filter(r -> members.live().containsKey(r) && members.formed(r))
        .findFirst().orElse(present.get(0));
    for (NodeRef ref : present) {
      if (ref.equals(anchor)) {
        continue;
      }
      if (!knows(members, anchor, ref)) {
        out.step(new Step.Meet(spec.name(), anchor, ref, new Endpoint(inventory.addressOf(ref), ref.port()),
            seenId(members, anchor), Reason.of(Code.NODE_NOT_MET, ref + " is not part of the cluster yet")));
      } else if (members.live().containsKey(ref) && members.live().containsKey(anchor) && !knows(members, ref, anchor)) {
        // The anchor knows it, it does not know the anchor: a node that left (CLUSTER RESET) and is
        // declared again while a member kept or re-learned its id. Redis adds a peer only from a
        // MEET, never from its PINGs, so without this it would stay alone for ever (found by
        // PlannerModelTest). A MEET to a node in handshake is a no-op, so this is safe to repeat.
        out.step(new Step.Meet(spec.name(), ref, anchor, new Endpoint(inventory.addressOf(anchor), anchor.port()),
            seenId(members, ref), Reason.of(Code.NODE_NOT_MET, ref + " does not know the cluster (it left and is declared again)")));
      }
    }
  }

  /**
   * The id {@code ref} answers with now, pinned into its step: a node replaced after the plan was
   * made (new id at the same address, empty) must not get it (see StepInvariants).
   */
  private static Optional<String> seenId(ClusterMembers members, NodeRef ref) {
    return members.idOf(ref).filter(id -> !id.isEmpty());
  }

  private static boolean knows(ClusterMembers members, NodeRef who, NodeRef whom) {
    Optional<String> id = members.idOf(whom);
    return members.live().containsKey(who) && id.isPresent()
        && members.view(who).byId(id.get()).map(n -> !n.handshake()).orElse(false);
  }

  private boolean allKnowEachOther(ClusterMembers members) {
    return present.stream().allMatch(a -> present.stream().allMatch(b -> a.equals(b) || knows(members, a, b)));
  }

  /**
   * Finishes the slots an interrupted move left open, or else, when every slot is owned by
   * exactly one master and some master of the layout is far below its share (a master the
   * inventory just added owns none), moves slots to even the distribution. Returns the masters
   * that will own slots after the moves.
   */
  private List<NodeRef> moveSlots(ClusterMembers members, Layout layout, PlanBuilder.Mark before) {
    if (okBlocked != null) {
      out.defer(scope + ": slot moves wait " + okBlocked + " (the cluster cannot say cluster_state:ok before)");
      return List.of();
    }
    List<String> foreign = new ArrayList<>();
    Map<List<NodeRef>, SortedSet<Integer>> open = members.openSlots(foreign);
    foreign.forEach(f -> out.problem(where, Problem.Code.UNDECLARED_MEMBER, "open slot towards a node outside the inventory: " + f
        + "; not finished automatically"));
    Map<NodeRef, List<Integer>> owned = members.ownSlots();
    if (!open.isEmpty()) {
      awaitReady(members, before);
      open.forEach((pair, slots) -> {
        if (!partial.reachable(pair.get(0)) || !partial.reachable(pair.get(1))) {
          out.defer(scope + ": open slot(s) between " + pair.get(0) + " and " + pair.get(1) + " are finished once "
              + partial.hosts() + " answer(s)");
          return;
        }
        List<SlotMoves.Move> moves = new ArrayList<>();
        SlotMoves.chunk(pair.get(0), pair.get(1), List.copyOf(slots), moves);
        moves.forEach(m -> emit(m, Reason.of(Code.SLOT_OPEN, "slot left open by an interrupted move")));
      });
      // a master that finishes an open slot here owns slots after this plan: its replica attaches
      // in this plan too (a recovery apply used to wait for a replica link it never planned)
      List<NodeRef> finishing = open.keySet().stream().map(p -> p.get(1)).toList();
      layout.masters().stream().filter(m -> !owned.containsKey(m) && !finishing.contains(m)).forEach(awaitingSlots::add);
      return finishing;
    }
    boolean[] seen = new boolean[SlotRange.SLOTS];
    int total = 0;
    for (Map.Entry<NodeRef, List<Integer>> e : owned.entrySet()) {
      if (!layout.masters().contains(e.getKey())) {
        return List.of(); // a master outside the layout: observed roles are being reconciled first
      }
      for (int s : e.getValue()) {
        if (seen[s]) {
          return List.of(); // two masters claim a slot: gossip has not settled
        }
        seen[s] = true;
        total++;
      }
    }
    if (layout.masters().stream().anyMatch(m -> members.live().containsKey(m)
        && !members.view(m).myself().map(me -> me.isMaster()).orElse(false))) {
      // A master of the layout is a replica now (Redis failed over, or it follows a leaving
      // master): Redis takes no slots on a replica. Its role is settled first (promotion below,
      // or replicate), then a later round moves slots.
      promoteReplicasOfLeaving(members, layout);
      return List.of();
    }
    Map<NodeRef, List<Integer>> draining = new LinkedHashMap<>();
    for (LeavingNodes.Leaving l : leaving) {
      if (l.slots().isEmpty()) {
        continue;
      }
      for (int s : l.slots()) {
        if (seen[s]) {
          return List.of();
        }
        seen[s] = true;
        total++;
      }
      draining.put(l.ref().orElseThrow(), l.slots());
    }
    if (total != SlotRange.SLOTS) {
      return List.of();
    }
    Map<NodeRef, List<Integer>> byMaster = new LinkedHashMap<>();
    layout.masters().forEach(m -> byMaster.put(m, owned.getOrDefault(m, List.of())));
    List<SlotMoves.Move> all = draining.isEmpty() ? SlotMoves.rebalance(byMaster)
        : SlotMoves.drain(byMaster, draining);
    List<SlotMoves.Move> moves = all.stream()
        .filter(m -> partial.reachable(m.source()) && partial.reachable(m.target())).toList();
    if (moves.size() < all.size()) {
      out.defer(scope + ": " + (all.size() - moves.size()) + " slot move(s) to or from " + partial.absent()
          + " wait until " + partial.hosts() + " answer(s)");
    }
    drained = moves.size() == all.size();
    if (!moves.isEmpty()) {
      awaitReady(members, before);
    }
    Reason reason = draining.isEmpty()
        ? Reason.of(Code.SLOTS_REBALANCE, "even the slots over " + byMaster.size() + " masters")
        : Reason.of(Code.NODE_LEAVING, "empty the leaving master(s) " + draining.keySet());
    moves.forEach(m -> emit(m, reason));
    return moves.stream().map(SlotMoves.Move::target).distinct().toList();
  }

  /**
   * A declared replica of a leaving master that still serves slots, which the layout wants as a
   * master, takes over by a coordinated CLUSTER FAILOVER: no key moves, none is lost, and the
   * leaving node, a replica afterwards, leaves in a later round.
   */
  private void promoteReplicasOfLeaving(ClusterMembers members, Layout layout) {
    for (LeavingNodes.Leaving l : leaving) {
      if (l.slots().isEmpty() || l.ref().isEmpty()) {
        continue;
      }
      layout.masters().stream()
          .filter(m -> members.live().containsKey(m) && members.live().get(m).linkUp()
              && members.view(m).myself().map(me -> l.id().equals(me.masterId())).orElse(false))
          .findFirst()
          .ifPresent(r -> {
            out.step(new Step.Failover(spec.name(), r, l.ref().get(),
                Reason.of(Code.NODE_LEAVING, "its master " + l.name() + " leaves the cluster")));
            out.step(new Step.WaitFailover(spec.name(), r, l.ref().get(), inventory.timeouts().replicaSync(),
                Reason.of(Code.AWAIT_CONVERGENCE, r + " takes over from " + l.name())));
          });
    }
  }

  /** A node whose cluster_state is not ok refuses MIGRATE's RESTORE (CLUSTERDOWN): moves wait for ok. */
  private void awaitReady(ClusterMembers members, PlanBuilder.Mark before) {
    if (out.changedSince(before) || !allReady(members)) {
      out.step(new Step.WaitClusterReady(spec.name(), present, inventory.timeouts().clusterJoin(),
          Reason.of(Code.AWAIT_CONVERGENCE, "every node must say cluster_state:ok before slots move")));
    }
  }

  private void emit(SlotMoves.Move move, Reason reason) {
    out.step(new Step.MigrateSlots(spec.name(), move.source(), move.target(),
        new Endpoint(inventory.addressOf(move.target()), move.target().port()), move.ranges(), reason));
  }

  /**
   * Attaches replicas. Only an empty master without slots (or a node about to start) is made a
   * replica, and only of a master that serves slots: anything else could replicate an empty
   * node over data, so it is left for an operator.
   */
  private void replicate(ClusterMembers members, Layout layout, List<NodeRef> slotted) {
    Map<NodeRef, NodeRef> observed = members.replicaOf();
    layout.replicaOf().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
      NodeRef replica = e.getKey();
      NodeRef master = e.getValue();
      if (master.equals(observed.get(replica))) {
        return;
      }
      if (!partial.reachable(replica) || !partial.reachable(master)) {
        out.defer(scope + ": " + replica + " attaches to " + master + " once " + partial.hosts() + " answer(s)");
        unattached.add(replica);
        return;
      }
      Optional<GoneShards.Gone> itsGoneMaster = members.live().containsKey(replica) ? gone.stream()
          .filter(g -> members.view(replica).myself().map(me -> g.id().equals(me.masterId())).orElse(false))
          .findFirst() : Optional.empty();
      if (itsGoneMaster.isPresent()) {
        out.defer(scope + ": " + replica + " keeps following " + itsGoneMaster.get().address()
            + " (on gone host " + itsGoneMaster.get().host() + ") until it takes over its slots");
        unattached.add(replica);
        return;
      }
      boolean movable = !members.live().containsKey(replica)
          || members.view(replica).myself().map(m -> (m.isMaster() && m.slotCount() == 0)
              || leaving.stream().anyMatch(l -> l.id().equals(m.masterId()))).orElse(false);
      if (!movable || awaitingSlots.contains(master) || !slotted.contains(master)) {
        unattached.add(replica);
      }
      if (!movable) {
        out.problem(where, Problem.Code.REPLICATION_MISMATCH, replica + " replicates a node other than " + master
            + "; not moved automatically (it may be mid-failover)");
      } else if (awaitingSlots.contains(master)) {
        out.defer(scope + ": " + replica + " attaches to " + master + " once it owns slots");
      } else if (!slotted.contains(master)) {
        out.problem(where, Problem.Code.REPLICATION_MISMATCH, replica + " should replicate " + master + ", which serves no slots;"
            + " not attached (it would copy an empty master)");
      } else {
        out.step(new Step.Replicate(spec.name(), replica, master,
            Reason.of(Code.REPLICA_NOT_ATTACHED, "replica not attached to its master")));
      }
    });
  }

  /**
   * Scale in, once the leaving nodes serve no slots (their moves come earlier in the plan): every
   * remaining member that knows one forgets it, then it leaves (CLUSTER RESET: it forgets its
   * peers, a replica drops its copy), then its agent stops and removes it, all within the 60 s
   * Redis keeps a forgotten node out. A master still holding keys is refused at both steps.
   */
  private void removeLeaving(ClusterMembers members, PlanBuilder.Mark before) {
    if (leaving.isEmpty()) {
      return;
    }
    if (okBlocked != null) {
      out.defer(scope + ": " + String.join(", ", leaving.stream().map(LeavingNodes.Leaving::name).toList())
          + " leave(s) " + okBlocked);
      return;
    }
    boolean slotted = leaving.stream().anyMatch(l -> !l.slots().isEmpty());
    if ((!slotted || drained) && partial.incomplete()) {
      out.defer(scope + ": " + String.join(", ", leaving.stream().map(LeavingNodes.Leaving::name).toList())
          + " leave(s) once " + partial.hosts() + " answer(s) (" + ALL_FORGET + ")");
      return;
    }
    if (slotted && !drained) {
      out.defer(scope + ": " + String.join(", ", leaving.stream().map(LeavingNodes.Leaving::name).toList())
          + " leave(s) once every slot they serve has moved (open slots are finished first)");
      return;
    }
    awaitReady(members, before);
    for (LeavingNodes.Leaving l : leaving) {
      // Every declared member, not only those that knew it when observed: a node met earlier in
      // this plan learns the leaving one by gossip and would keep it as a ghost (FORGET of an
      // unknown id is a no-op).
      for (NodeRef ref : present) {
        out.step(new Step.Forget(spec.name(), ref, l.ref().orElseThrow(), l.id(),
            Reason.of(Code.NODE_LEAVING, l.name() + " is no longer in the inventory")));
      }
    }
    for (LeavingNodes.Leaving l : leaving) {
      out.step(new Step.LeaveCluster(spec.name(), l.ref().orElseThrow(),
          Reason.of(Code.NODE_LEAVING, "forgotten by cluster " + spec.name())));
    }
    for (LeavingNodes.Leaving l : leaving) {
      out.step(new Step.RemoveNode(l.ref().orElseThrow(), false, 0,
          Reason.of(Code.NODE_LEAVING, "left cluster " + spec.name())));
    }
  }

  private boolean allReady(ClusterMembers members) {
    return members.live().size() == present.size() && Readiness.ready(members.live()) == null;
  }
}
