package io.redisfleet.controller.plan;

import static io.redisfleet.controller.plan.Fixtures.ref;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.redisfleet.controller.model.ClusterNodeView;
import io.redisfleet.controller.model.ClusterState;
import io.redisfleet.controller.model.ConfDrift;
import io.redisfleet.controller.model.Inventory;
import io.redisfleet.controller.model.NodeRef;
import io.redisfleet.controller.model.ObservedNode;
import io.redisfleet.controller.model.Role;
import io.redisfleet.controller.model.Observation;
import io.redisfleet.controller.model.SlotRange;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PlannerTest {

  private final Inventory inventory = Fixtures.tutorial();
  private final Layout layout = Placement.place(inventory.clusters().get(0).refs(), 1);

  private static List<String> kinds(Plan plan) {
    return plan.steps().stream().map(Step::kind).toList();
  }

  @Test
  void freshFleetGetsTheWholeCreationInOrder() {
    Plan plan = Planner.apply(inventory, Fixtures.empty(inventory));
    assertEquals(List.of(
        "apply-node", "apply-node", "apply-node", "apply-node", "apply-node", "apply-node", "apply-node",
        "confirm-master", "apply-node", // the pair's replica only once its master is confirmed to be the fleet's node
        "set-config-epoch", "set-config-epoch", "set-config-epoch", "set-config-epoch", "set-config-epoch", "set-config-epoch",
        "add-slots", "add-slots", "add-slots",
        "meet", "meet", "meet", "meet", "meet",
        "wait-joined", "replicate", "replicate", "replicate", "wait-ready", "wait-linked",
        "wait-linked"), kinds(plan));
    assertTrue(plan.problems().isEmpty(), plan.problems().toString());
    List<Step.AddSlots> slots = plan.steps().stream().filter(Step.AddSlots.class::isInstance)
        .map(Step.AddSlots.class::cast).toList();
    assertEquals(List.of(ref("h1:7000"), ref("h2:7003"), ref("h1:7001")), slots.stream().map(Step::node).toList());
    assertEquals(List.of(new SlotRange(0, 5460)), slots.get(0).ranges());
    List<Long> epochs = plan.steps().stream().filter(Step.SetConfigEpoch.class::isInstance)
        .map(s -> ((Step.SetConfigEpoch) s).epoch()).distinct().toList();
    assertEquals(6, epochs.size(), "unique config epochs");
    plan.steps().stream().filter(Step.Replicate.class::isInstance).map(Step.Replicate.class::cast)
        .forEach(r -> assertTrue(!r.node().host().equals(r.master().host()), r.describe()));
  }

  @Test
  void convergedFleetHasNothingToDo() {
    Observation converged = new Fixtures.State(inventory).converged(layout).build();
    Plan plan = Planner.apply(inventory, converged);
    assertEquals(List.of(), plan.steps());
    assertTrue(plan.converged());
  }

  @Test
  void halfCreatedClusterIsFinishedNotRefused() {
    // Killed after slots went to the first master and it met one node; the rest are fresh.
    Fixtures.State state = new Fixtures.State(inventory).converged(layout);
    NodeRef m1 = ref("h1:7000");
    NodeRef met = ref("h2:7003");
    for (NodeRef r : inventory.clusters().get(0).refs()) {
      state.put(Fixtures.fresh(inventory, r, 0));
    }
    ClusterNodeView m1View = new ClusterNodeView(Fixtures.id(m1), "127.0.0.1", 7000, Set.of("myself", "master"), "", 1,
        true, List.of(new SlotRange(0, 5460)), List.of());
    ClusterNodeView metView = new ClusterNodeView(Fixtures.id(met), "127.0.0.2", 7003, Set.of("master"), "", 2,
        true, List.of(), List.of());
    state.put(Fixtures.node(m1, "master", false, 0, Optional.of(new ClusterState(Fixtures.id(m1), "fail", 2, 2, 1,
        List.of(m1View, metView)))));
    Plan plan = Planner.apply(inventory, state.build());
    assertTrue(plan.problems().isEmpty(), plan.problems().toString());
    List<Step.AddSlots> slots = plan.steps().stream().filter(Step.AddSlots.class::isInstance)
        .map(Step.AddSlots.class::cast).toList();
    assertEquals(List.of(ref("h2:7003"), ref("h1:7001")), slots.stream().map(Step::node).toList(),
        "only the masters still without slots");
    List<NodeRef> meets = plan.steps().stream().filter(Step.Meet.class::isInstance).filter(s -> s.node().equals(m1))
        .map(s -> ((Step.Meet) s).target()).toList();
    assertEquals(List.of(ref("h1:7001"), ref("h1:7002"), ref("h2:7004"), ref("h2:7005")), meets,
        "h2:7003 is already known to the anchor");
    // ... but h2:7003 does not know the anchor yet (it knows only itself): it meets the anchor
    // (a no-op while the handshake is in flight; the cure when it left the cluster and came back)
    assertEquals(List.of("h2:7003 -> h1:7000"), plan.steps().stream().filter(Step.Meet.class::isInstance)
        .filter(s -> !s.node().equals(m1)).map(s -> s.node() + " -> " + ((Step.Meet) s).target()).toList());
    assertEquals(3, plan.steps().stream().filter(Step.Replicate.class::isInstance).count());
  }

  @Test
  void oneNodeMissingIsStartedAndTheRestWaits() {
    Fixtures.State state = new Fixtures.State(inventory).converged(layout);
    NodeRef gone = ref("h2:7004");
    ObservedNode stopped = new ObservedNode(gone, true, false, 0, false, "", Role.UNKNOWN, Optional.empty(), false, 0, 0,
        Optional.empty(), true, 0, "", new ConfDrift(true, true, false, List.of(), "start"));
    state.put(stopped);
    Plan plan = Planner.apply(inventory, state.build());
    assertEquals(List.of("apply-node"), kinds(plan));
    assertEquals(Reason.Code.NOT_RUNNING, plan.steps().get(0).reason().code());
    assertEquals(gone, plan.steps().get(0).node());
    assertEquals(1, plan.deferred().size(), "cluster planned again once the node answers");
  }

  @Test
  void nodeHoldingKeysIsNotAddedToACluster() {
    Observation obs = new Fixtures.State(inventory).put(Fixtures.fresh(inventory, ref("h1:7002"), 42)).build();
    Plan plan = Planner.apply(inventory, obs);
    assertEquals(1, plan.problems().size());
    assertTrue(plan.problems().get(0).message().contains("holds 42 keys"), plan.problems().toString());
    assertTrue(plan.steps().stream().noneMatch(s -> s.kind().equals("meet")), "cluster steps held back");
  }

  @Test
  void unreachableHostIsAProblemAndOthersProceed() {
    Observation obs = new Fixtures.State(inventory).unreachable("h2").build();
    Plan plan = Planner.apply(inventory, obs);
    assertTrue(plan.problems().stream().anyMatch(p -> p.scope().equals(Problem.Scope.host("h2")) && p.code() == Problem.Code.HOST_UNREACHABLE));
    assertTrue(plan.steps().stream().allMatch(s -> s.node().host().equals("h1")));
    assertTrue(plan.steps().stream().anyMatch(s -> s.node().equals(ref("h1:6380"))), "the pair on h1 proceeds");
  }

  @Test
  void confChangeIsPlannedWithItsTypedReason() {
    Fixtures.State state = new Fixtures.State(inventory).converged(layout);
    ObservedNode n = Fixtures.node(ref("h1:6380"), "master", true, 0, Optional.empty());
    state.put(new ObservedNode(n.ref(), true, true, 1, true, "", Role.MASTER, Optional.empty(), true, 0, 0,
        Optional.empty(), false, 0, "r", new ConfDrift(true, true, false, List.of("maxmemory"), "CONFIG SET maxmemory")));
    Plan plan = Planner.apply(inventory, state.build());
    assertEquals(List.of("apply-node"), kinds(plan));
    assertEquals(Reason.Code.CONF_CHANGED_LIVE, plan.steps().get(0).reason().code());
  }

  @Test
  void destroyRefusesNodesWithKeysWithoutForce() {
    Fixtures.State state = new Fixtures.State(inventory).converged(layout);
    state.put(Fixtures.node(ref("h1:6380"), "master", true, 7, Optional.empty()));
    Plan refused = Planner.destroy(inventory, state.build(), false);
    assertEquals(1, refused.problems().size());
    Plan forced = Planner.destroy(inventory, state.build(), true);
    assertTrue(forced.problems().isEmpty());
    assertEquals(8, forced.steps().size());
    int lastReplica = -1;
    int firstMaster = Integer.MAX_VALUE;
    for (int i = 0; i < forced.steps().size(); i++) {
      boolean replica = layout.replicaOf().containsKey(forced.steps().get(i).node())
          || forced.steps().get(i).node().equals(ref("h1:6381"));
      if (replica) {
        lastReplica = Math.max(lastReplica, i);
      } else {
        firstMaster = Math.min(firstMaster, i);
      }
    }
    assertTrue(lastReplica < firstMaster, "replicas removed first: " + forced.steps());
    assertEquals(Map.of(), Map.of());
  }

  @Test
  void restartsRollOneAtATimeReplicasFirstAndMastersFailOverFirst() {
    Fixtures.State state = new Fixtures.State(inventory).converged(layout);
    ConfDrift restart = new ConfDrift(true, true, true, List.of("databases"), "restart");
    Observation converged = new Fixtures.State(inventory).converged(layout).build();
    for (NodeRef r : inventory.clusters().get(0).refs()) {
      NodeRef master = layout.replicaOf().get(r);
      Optional<String> masterAddress = Optional.ofNullable(master).map(m -> inventory.addressOf(m) + ":" + m.port());
      state.put(new ObservedNode(r, true, true, 1, true, "", master != null ? Role.REPLICA : Role.MASTER, masterAddress,
          true, 0, 5, converged.node(r).orElseThrow().cluster(), true, 0, "r", restart));
    }
    List<Step> steps = Planner.apply(inventory, state.build()).steps();
    List<String> kinds = steps.stream().map(Step::kind).toList();
    List<String> replicaPart = List.of("apply-node", "wait-linked");
    List<String> masterPart = List.of("failover", "wait-failover", "apply-node", "wait-linked", "wait-ready");
    List<String> expected = new java.util.ArrayList<>();
    for (int i = 0; i < 3; i++) {
      expected.addAll(replicaPart);
    }
    for (int i = 0; i < 3; i++) {
      expected.addAll(masterPart);
    }
    assertEquals(expected, kinds, steps.toString());
    steps.stream().filter(Step.ApplyNode.class::isInstance)
        .forEach(s -> assertTrue(((Step.ApplyNode) s).restart() && !s.parallel(), s.describe()));
    for (int i = 0; i < 6; i += 2) {
      assertTrue(layout.replicaOf().containsKey(steps.get(i).node()), "replicas first: " + steps);
    }
    for (int i = 6; i < steps.size(); i += 5) {
      Step.Failover f = (Step.Failover) steps.get(i);
      assertEquals(layout.replicaOf().get(f.node()), f.master(), "fails over to the master's own replica");
      assertEquals(f.master(), steps.get(i + 2).node(), "then restarts the old master");
    }
  }

  @Test
  void masterWithoutPersistenceHoldingKeysIsNotRestarted() {
    Inventory noPersistence = Fixtures.tutorialWith(List.of(
        io.redisfleet.controller.model.Directive.of("appendonly", "no"),
        io.redisfleet.controller.model.Directive.of("save", "")));
    Fixtures.State state = new Fixtures.State(noPersistence).converged(layout);
    state.put(new ObservedNode(ref("h1:6380"), true, true, 1, true, "", Role.MASTER, Optional.empty(), true, 0, 9,
        Optional.empty(), false, 0, "r", new ConfDrift(true, true, true, List.of("databases"), "restart")));
    Plan plan = Planner.apply(noPersistence, state.build());
    assertEquals(List.of(), plan.steps());
    assertTrue(plan.problems().get(0).message().contains("would lose them"), plan.problems().toString());
  }
}
