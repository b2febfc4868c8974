package io.redisfleet.controller.plan;

import static io.redisfleet.controller.plan.Fixtures.id;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.redisfleet.controller.model.Inventory;
import io.redisfleet.controller.model.NodeRef;
import io.redisfleet.controller.model.Observation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Scale in: nodes dropped from the inventory are emptied, forgotten, then removed. */
class ScaleInPlannerTest {

  private final Inventory eight = Fixtures.tutorialPlus("h1:7006", "h2:7007");
  private final Layout layout = Placement.place(eight.clusters().get(0).refs(), 1);
  private final Observation eightRunning = new Fixtures.State(eight).converged(layout).build();

  private Inventory without(NodeRef... gone) {
    List<String> refs = new ArrayList<>();
    eight.clusters().get(0).refs().stream().filter(r -> !List.of(gone).contains(r)).forEach(r -> refs.add(r.toString()));
    return Fixtures.clusterOf(refs);
  }

  private static List<String> kinds(Plan plan) {
    return plan.steps().stream().map(Step::kind).toList();
  }

  @Test
  void leavingMasterAndItsReplicaAreEmptiedThenForgottenThenRemoved() {
    NodeRef master = layout.masters().get(3);
    NodeRef replica = layout.replicaOf().entrySet().stream().filter(e -> e.getValue().equals(master))
        .findFirst().orElseThrow().getKey();
    Plan plan = Planner.apply(without(master, replica), eightRunning);
    assertEquals(List.of(), plan.problems());
    List<String> kinds = kinds(plan);
    List<Step.MigrateSlots> moves = plan.steps().stream().filter(Step.MigrateSlots.class::isInstance)
        .map(Step.MigrateSlots.class::cast).toList();
    Map<NodeRef, Integer> received = new HashMap<>();
    moves.forEach(m -> received.merge(m.target(), m.slots(), Integer::sum));
    assertTrue(moves.stream().allMatch(m -> m.node().equals(master) && m.reason().code() == Reason.Code.NODE_LEAVING));
    assertEquals(4096, received.values().stream().mapToInt(Integer::intValue).sum());
    assertEquals(3, received.size(), received.toString());
    received.values().forEach(n -> assertTrue(n == 1365 || n == 1366, received.toString()));
    int lastMove = kinds.lastIndexOf("migrate-slots");
    int firstForget = kinds.indexOf("forget");
    int firstRemove = kinds.indexOf("remove-node");
    assertTrue(lastMove < kinds.indexOf("wait-ready") && kinds.indexOf("wait-ready") < firstForget, kinds.toString());
    assertTrue(kinds.lastIndexOf("forget") < kinds.indexOf("leave-cluster")
        && kinds.lastIndexOf("leave-cluster") < firstRemove, kinds.toString());
    List<Step.Forget> forgets = plan.steps().stream().filter(Step.Forget.class::isInstance)
        .map(Step.Forget.class::cast).toList();
    assertEquals(12, forgets.size(), "6 remaining nodes forget 2 leaving ones");
    assertTrue(forgets.stream().anyMatch(f -> f.leavingId().equals(id(master))));
    List<NodeRef> removed = plan.steps().stream().filter(Step.RemoveNode.class::isInstance)
        .map(Step::node).toList();
    assertEquals(List.of(master, replica).stream().sorted().toList(), removed.stream().sorted().toList());
    assertTrue(plan.steps().stream().filter(Step.RemoveNode.class::isInstance)
        .allMatch(s -> !((Step.RemoveNode) s).force()));
    assertTrue(kinds.lastIndexOf("wait-ready") > kinds.lastIndexOf("remove-node"), kinds.toString());
  }

  @Test
  void replicaOfALeavingMasterIsReattachedToARemainingMaster() {
    NodeRef master = layout.masters().get(3);
    NodeRef orphan = layout.replicaOf().entrySet().stream().filter(e -> e.getValue().equals(master))
        .findFirst().orElseThrow().getKey();
    Plan plan = Planner.apply(without(master), eightRunning);
    assertEquals(List.of(), plan.problems());
    List<Step.Replicate> reattached = plan.steps().stream().filter(Step.Replicate.class::isInstance)
        .map(Step.Replicate.class::cast).toList();
    assertEquals(List.of(orphan), reattached.stream().map(Step::node).toList(), plan.steps().toString());
    assertTrue(layout.masters().subList(0, 3).contains(reattached.get(0).master()),
        "attached to a master that stays: " + reattached);
    assertEquals(List.of(master), plan.steps().stream().filter(Step.RemoveNode.class::isInstance)
        .map(Step::node).toList(), "only the leaving master is removed");
    assertTrue(plan.steps().stream().filter(Step.RemoveNode.class::isInstance)
        .noneMatch(s -> s.node().equals(orphan)), "the replica that stays is kept");
  }

  @Test
  void leavingReplicaIsOnlyForgottenAndRemoved() {
    NodeRef replica = layout.replicaOf().keySet().stream().sorted().findFirst().orElseThrow();
    Plan plan = Planner.apply(without(replica), eightRunning);
    assertEquals(List.of(), plan.problems());
    List<String> kinds = kinds(plan);
    assertTrue(!kinds.contains("migrate-slots") && !kinds.contains("replicate"), kinds.toString());
    assertEquals(7, kinds.stream().filter("forget"::equals).count());
    assertEquals(List.of(replica), plan.steps().stream().filter(Step.RemoveNode.class::isInstance).map(Step::node).toList());
    assertTrue(kinds.lastIndexOf("forget") < kinds.indexOf("remove-node"), kinds.toString());
  }

  @Test
  void leavingNodeNoAgentRunsIsRefused() {
    NodeRef replica = layout.replicaOf().keySet().stream().sorted().findFirst().orElseThrow();
    Observation state = new Fixtures.State(eight).converged(layout).drop(replica).build();
    Plan plan = Planner.apply(without(replica), state);
    assertTrue(plan.steps().stream().noneMatch(s -> s instanceof Step.Forget || s instanceof Step.RemoveNode));
    assertEquals(1, plan.problems().size(), plan.problems().toString());
    assertTrue(plan.problems().get(0).toString().contains("refusing to scale in"), plan.problems().toString());
  }

  @Test
  void clusterAfterScaleInIsConverged() {
    Inventory six = Fixtures.tutorial();
    Plan plan = Planner.apply(six, new Fixtures.State(six).converged(Placement.place(six.clusters().get(0).refs(), 1)).build());
    assertTrue(plan.converged(), plan.steps().toString());
  }
}
