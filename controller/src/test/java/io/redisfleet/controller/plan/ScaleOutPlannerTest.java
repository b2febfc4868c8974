package io.redisfleet.controller.plan;

import static io.redisfleet.controller.plan.Fixtures.id;
import static io.redisfleet.controller.plan.Fixtures.ref;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.redisfleet.controller.model.ClusterNodeView;
import io.redisfleet.controller.model.ClusterState;
import io.redisfleet.controller.model.Inventory;
import io.redisfleet.controller.model.NodeRef;
import io.redisfleet.controller.model.ObservedNode;
import io.redisfleet.controller.model.Role;
import io.redisfleet.controller.model.Observation;
import io.redisfleet.controller.model.SlotRange;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Scale out: slots moved to masters the inventory added, open slots finished. */
class ScaleOutPlannerTest {

  private final Inventory six = Fixtures.tutorial();
  private final Layout layout = Placement.place(six.clusters().get(0).refs(), 1);
  private final Inventory eight = Fixtures.tutorialPlus("h1:7006", "h2:7007");

  private static List<Step.MigrateSlots> moves(Plan plan) {
    return plan.steps().stream().filter(Step.MigrateSlots.class::isInstance).map(Step.MigrateSlots.class::cast).toList();
  }

  @Test
  void addedMasterGetsAnEvenShareTakenFromEveryOldMaster() {
    Observation sixRunning = new Fixtures.State(six).converged(layout).build();
    Plan plan = Planner.apply(eight, sixRunning);
    assertEquals(List.of(), plan.problems());
    List<Step.MigrateSlots> moves = moves(plan);
    NodeRef newMaster = moves.get(0).target();
    assertTrue(List.of(ref("h1:7006"), ref("h2:7007")).contains(newMaster), newMaster.toString());
    assertTrue(moves.stream().allMatch(m -> m.target().equals(newMaster) && m.slots() <= SlotMoves.CHUNK
        && m.reason().code() == Reason.Code.SLOTS_REBALANCE && !m.parallel()));
    Map<NodeRef, Integer> given = new HashMap<>();
    moves.forEach(m -> given.merge(m.node(), m.slots(), Integer::sum));
    assertEquals(4096, given.values().stream().mapToInt(Integer::intValue).sum());
    assertEquals(3, given.size());
    given.values().forEach(n -> assertTrue(n == 1365 || n == 1366, given.toString()));
    // lowest-numbered slots first: the first master gives 0-1364
    assertEquals(new SlotRange(0, 255), moves.get(0).ranges().get(0));
    List<String> kinds = plan.steps().stream().map(Step::kind).toList();
    int lastMove = kinds.lastIndexOf("migrate-slots");
    assertTrue(kinds.indexOf("wait-joined") < kinds.indexOf("migrate-slots"), kinds.toString());
    assertTrue(kinds.indexOf("replicate") > lastMove, kinds.toString());
    Step.Replicate attach = plan.steps().stream().filter(Step.Replicate.class::isInstance)
        .map(Step.Replicate.class::cast).findFirst().orElseThrow();
    assertEquals(newMaster, attach.master());
    assertTrue(moves.get(0).describe().contains("move 256 slot(s)"), moves.get(0).describe());
  }

  @Test
  void rebalancedClusterIsLeftAlone() {
    Map<NodeRef, List<Integer>> even = new java.util.LinkedHashMap<>();
    List<SlotRange> split = SlotAllocator.split(4);
    for (int i = 0; i < 4; i++) {
      even.put(ref("h1:" + (7000 + i)), java.util.stream.IntStream.rangeClosed(split.get(i).start(), split.get(i).end())
          .boxed().toList());
    }
    assertEquals(List.of(), SlotMoves.rebalance(even));
  }

  @Test
  void openSlotIsFinishedFromItsOwnerToTheImportingNode() {
    NodeRef source = layout.masters().get(0);
    NodeRef target = layout.masters().get(1);
    Fixtures.State state = new Fixtures.State(six).converged(layout);
    Observation converged = state.build();
    state.put(withOpen(converged.node(source).orElseThrow(), "[100->-" + id(target) + "]"));
    state.put(withOpen(converged.node(target).orElseThrow(), "[100-<-" + id(source) + "]"));
    Plan plan = Planner.apply(six, state.build());
    List<Step.MigrateSlots> moves = moves(plan);
    assertEquals(1, moves.size(), plan.steps().toString());
    assertEquals(source, moves.get(0).node());
    assertEquals(target, moves.get(0).target());
    assertEquals(List.of(new SlotRange(100, 100)), moves.get(0).ranges());
    assertEquals(Reason.Code.SLOT_OPEN, moves.get(0).reason().code());
    assertEquals(List.of(), plan.problems());
  }

  @Test
  void convergedClusterMovesNothing() {
    Plan plan = Planner.apply(six, new Fixtures.State(six).converged(layout).build());
    assertTrue(moves(plan).isEmpty());
    assertTrue(plan.converged());
  }

  /**
   * A scale out killed inside its first slot move: both new nodes met, empty masters; slot 0 open
   * from its owner towards the new master, which owns nothing yet. The recovery plan finishes the
   * slot and attaches the new replica to the new master in the same plan, and it waits only for
   * links it makes (it used to defer the attach "until it owns slots" and still wait 120 s for
   * that replica's link: exit 1, a second apply needed).
   */
  @Test
  void killedInsideTheFirstMoveTheNewReplicaAttachesInTheSamePlan() {
    Plan fresh = Planner.apply(eight, eightMet(Optional.empty()));
    Step.MigrateSlots first = moves(fresh).get(0);
    NodeRef newMaster = first.target();
    NodeRef newReplica = newMaster.equals(ref("h1:7006")) ? ref("h2:7007") : ref("h1:7006");
    Plan recovery = Planner.apply(eight, eightMet(Optional.of(new NodeRef[] {first.node(), newMaster})));
    assertEquals(List.of(), recovery.problems());
    List<Step.MigrateSlots> moves = moves(recovery);
    assertEquals(List.of(new SlotRange(0, 0)), moves.get(0).ranges(), recovery.steps().toString());
    assertEquals(Reason.Code.SLOT_OPEN, moves.get(0).reason().code());
    Step.Replicate attach = recovery.steps().stream().filter(Step.Replicate.class::isInstance)
        .map(Step.Replicate.class::cast).findFirst().orElseThrow(() -> new AssertionError(recovery.steps().toString()));
    assertEquals(newReplica, attach.node());
    assertEquals(newMaster, attach.master());
    List<String> kinds = recovery.steps().stream().map(Step::kind).toList();
    assertTrue(kinds.indexOf("replicate") > kinds.indexOf("migrate-slots"), kinds.toString());
    recovery.steps().stream().filter(Step.WaitReplicasLinked.class::isInstance).map(Step.WaitReplicasLinked.class::cast)
        .forEach(w -> assertTrue(w.replicas().contains(newReplica), w.replicas().toString()));
  }

  /**
   * The six-node cluster of {@link #layout} with the two new nodes met (empty masters); with
   * {@code open} = {source, target}, slot 0 is open from source to target.
   */
  private Observation eightMet(Optional<NodeRef[]> open) {
    List<NodeRef> all = eight.clusters().get(0).refs();
    List<SlotRange> split = SlotAllocator.split(layout.masters().size());
    List<ClusterNodeView> views = new java.util.ArrayList<>();
    for (NodeRef r : all) {
      int m = layout.masters().indexOf(r);
      boolean added = !six.clusters().get(0).refs().contains(r);
      boolean master = added || m >= 0;
      List<String> migrating = open.isEmpty() ? List.of() : r.equals(open.get()[0])
          ? List.of("[0->-" + id(open.get()[1]) + "]") : r.equals(open.get()[1]) ? List.of("[0-<-" + id(open.get()[0]) + "]")
          : List.of();
      views.add(new ClusterNodeView(id(r), eight.addressOf(r), r.port(), java.util.Set.of(master ? "master" : "slave"),
          master ? "" : id(layout.replicaOf().get(r)), 1, true, m >= 0 ? List.of(split.get(m)) : List.of(), migrating));
    }
    Fixtures.State state = new Fixtures.State(eight);
    for (NodeRef r : all) {
      List<ClusterNodeView> mine = views.stream().map(v -> v.id().equals(id(r)) ? Fixtures.withMyself(v)
          : new ClusterNodeView(v.id(), v.host(), v.port(), v.flags(), v.masterId(), v.configEpoch(), v.connected(),
              v.slots(), List.of())).toList();
      boolean replica = layout.replicaOf().containsKey(r);
      state.put(Fixtures.node(r, replica ? "replica" : "master", replica, 0,
          Optional.of(new ClusterState(id(r), "ok", all.size(), 6, 1, mine))));
    }
    state.put(Fixtures.node(ref("h1:6380"), "master", true, 0, Optional.empty()));
    state.put(new ObservedNode(ref("h1:6381"), true, true, 2, true, "", Role.REPLICA, Optional.of("127.0.0.1:6380"),
        true, 0, 0, Optional.empty(), false, 0, "run", io.redisfleet.controller.model.ConfDrift.none()));
    return state.build();
  }

  /** The node with its own CLUSTER NODES line showing an open slot. */
  private static ObservedNode withOpen(ObservedNode n, String entry) {
    ClusterState c = n.cluster().orElseThrow();
    List<ClusterNodeView> nodes = c.nodes().stream().map(v -> !v.flags().contains("myself") ? v
        : new ClusterNodeView(v.id(), v.host(), v.port(), v.flags(), v.masterId(), v.configEpoch(), v.connected(),
            v.slots(), List.of(entry))).toList();
    return new ObservedNode(n.ref(), n.managed(), n.running(), n.pid(), n.reachable(), n.error(), n.role(), n.master(),
        n.linkUp(), n.replOffset(), n.keys(), Optional.of(new ClusterState(c.myId(), c.state(), c.knownNodes(),
            c.currentEpoch(), c.myEpoch(), nodes)), n.clusterConfigPresent(), n.usedMemory(), n.runId(), n.drift());
  }
}
