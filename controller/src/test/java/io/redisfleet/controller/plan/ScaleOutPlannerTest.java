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
