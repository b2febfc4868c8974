package io.redisfleet.controller.plan;

import io.redisfleet.controller.model.Role;
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

  /** The node as observed, with {@code entry} ("[slot->-id]" or "[slot-<-id]") in its own CLUSTER NODES line. */
  private static io.redisfleet.controller.model.ObservedNode opening(Observation obs, NodeRef ref, String entry) {
    var node = obs.node(ref).orElseThrow();
    var view = node.cluster().orElseThrow();
    var lines = view.nodes().stream().map(v -> !v.flags().contains("myself") ? v
        : new io.redisfleet.controller.model.ClusterNodeView(v.id(), v.host(), v.port(), v.flags(), v.masterId(),
            v.configEpoch(), v.connected(), v.slots(), List.of(entry))).toList();
    var cluster = new io.redisfleet.controller.model.ClusterState(view.myId(), view.state(), view.knownNodes(),
        view.currentEpoch(), view.myEpoch(), lines);
    return new io.redisfleet.controller.model.ObservedNode(node.ref(), node.managed(), node.running(), node.pid(),
        node.reachable(), node.error(), node.role(), node.master(), node.linkUp(), node.replOffset(), node.keys(),
        java.util.Optional.of(cluster), node.clusterConfigPresent(), node.usedMemory(), node.runId(), node.drift());
  }

  /** Issue: an open slot of a leaving master made the next apply forget it while it still owned thousands of slots. */
  @Test
  void leavingMasterWithAnOpenSlotIsNotForgottenBeforeItIsEmpty() {
    NodeRef master = layout.masters().get(3);
    NodeRef taker = layout.masters().get(0);
    int slot = 16383;
    Observation open = new Fixtures.State(eight).converged(layout)
        .put(opening(eightRunning, master, "[" + slot + "->-" + id(taker) + "]"))
        .put(opening(eightRunning, taker, "[" + slot + "-<-" + id(master) + "]"))
        .build();
    Plan plan = Planner.apply(without(master), open);
    assertTrue(plan.steps().stream().anyMatch(s -> s instanceof Step.MigrateSlots m
        && m.reason().code() == Reason.Code.SLOT_OPEN), plan.steps().toString());
    assertTrue(plan.steps().stream().noneMatch(s -> (s instanceof Step.Forget f && f.leaving().equals(master))
        || (s instanceof Step.LeaveCluster || s instanceof Step.RemoveNode) && s.node().equals(master)),
        "a master that still owns slots must not be forgotten, reset or removed: " + plan.steps());
    assertTrue(!plan.deferred().isEmpty(), "its removal waits for the next round: " + plan.deferred());
  }

  /** Two masters claim a slot (gossip not settled): no move is planned, so nothing may be forgotten. */
  @Test
  void leavingMasterIsNotForgottenWhileTheSlotMapIsUnsettled() {
    NodeRef master = layout.masters().get(3);
    NodeRef other = layout.masters().get(0);
    var node = eightRunning.node(other).orElseThrow();
    var view = node.cluster().orElseThrow();
    var masterSlots = view.byId(id(master)).orElseThrow().slots();
    var lines = view.nodes().stream().map(v -> !v.flags().contains("myself") ? v
        : new io.redisfleet.controller.model.ClusterNodeView(v.id(), v.host(), v.port(), v.flags(), v.masterId(),
            v.configEpoch(), v.connected(), java.util.stream.Stream.concat(v.slots().stream(),
                masterSlots.stream().limit(1)).toList(), v.migrating())).toList();
    var claims = new io.redisfleet.controller.model.ObservedNode(node.ref(), true, true, node.pid(), true, "",
        node.role(), node.master(), node.linkUp(), 0, 0, java.util.Optional.of(new io.redisfleet.controller.model.ClusterState(
            view.myId(), view.state(), view.knownNodes(), view.currentEpoch(), view.myEpoch(), lines)),
        true, 0, "run", node.drift());
    Plan plan = Planner.apply(without(master), new Fixtures.State(eight).converged(layout).put(claims).build());
    assertTrue(plan.steps().stream().noneMatch(s -> s instanceof Step.Forget f && f.leaving().equals(master)),
        plan.steps().toString());
    assertTrue(plan.problems().stream().anyMatch(p -> p.toString().contains("NO_FORGET_SLOT_OWNER")
        && p.toString().contains(master.toString())), "the refusal names the invariant and the node: " + plan.problems());
  }

  /** The leaving node's own view, as the remaining members forgot it (they no longer list it). */
  private Observation forgottenBy(NodeRef gone, Observation base, boolean reset) {
    Fixtures.State state = new Fixtures.State(eight).converged(layout);
    for (NodeRef r : eight.clusters().get(0).refs()) {
      var n = base.node(r).orElseThrow();
      var view = n.cluster().orElseThrow();
      boolean self = r.equals(gone);
      var lines = view.nodes().stream().filter(v -> self ? (!reset || v.flags().contains("myself")) : !v.id().equals(id(gone)))
          .map(v -> self && reset ? new io.redisfleet.controller.model.ClusterNodeView(v.id(), v.host(), v.port(),
              java.util.Set.of("myself", "master"), "", v.configEpoch(), true, List.of(), List.of()) : v).toList();
      state.put(new io.redisfleet.controller.model.ObservedNode(r, true, true, n.pid(), true, "",
          self && reset ? Role.MASTER : n.role(), n.master(), n.linkUp(), 0, self && reset ? 0 : n.keys(),
          java.util.Optional.of(new io.redisfleet.controller.model.ClusterState(view.myId(), view.state(), lines.size(),
              view.currentEpoch(), view.myEpoch(), lines)), true, 0, "run", n.drift()));
    }
    return state.build();
  }

  /** Issue: killed after every member forgot a leaving replica, before its reset: the next apply must finish. */
  @Test
  void aForgottenButRunningReplicaStillLeavesAndIsRemoved() {
    NodeRef replica = layout.replicaOf().keySet().stream().sorted().findFirst().orElseThrow();
    Plan plan = Planner.apply(without(replica), forgottenBy(replica, eightRunning, false));
    assertEquals(List.of(), plan.problems());
    assertEquals(List.of("leave-cluster", "remove-node"), plan.steps().stream().filter(s -> s.node().equals(replica))
        .map(Step::kind).toList(), plan.steps().toString());
  }

  /** Issue: killed after the leaving node was reset, before it was removed: it kept running with conf and data. */
  @Test
  void aResetLeavingNodeIsRemovedByTheNextApply() {
    NodeRef replica = layout.replicaOf().keySet().stream().sorted().findFirst().orElseThrow();
    Plan plan = Planner.apply(without(replica), forgottenBy(replica, eightRunning, true));
    assertEquals(List.of(), plan.problems());
    List<Step> removals = plan.steps().stream().filter(Step.RemoveNode.class::isInstance).toList();
    assertEquals(List.of(replica), removals.stream().map(Step::node).toList(), plan.steps().toString());
    assertTrue(!((Step.RemoveNode) removals.get(0)).force());
  }

  /** A master forgotten while it still owns slots: its keys are on it alone; nothing may give its slots out. */
  @Test
  void aForgottenMasterThatStillOwnsSlotsIsRefusedAndItsSlotsAreNotReassigned() {
    NodeRef master = layout.masters().get(3);
    Plan plan = Planner.apply(without(master), forgottenBy(master, eightRunning, false));
    assertTrue(plan.steps().stream().noneMatch(s -> s instanceof Step.AddSlots || s.node().equals(master)),
        plan.steps().toString());
    assertTrue(plan.problems().stream().anyMatch(p -> p.toString().contains(master.toString())
        && p.toString().contains("CLUSTER MEET")), plan.problems().toString());
  }
}
