package io.redisfleet.controller.plan;

import io.redisfleet.controller.model.Engines;
import static io.redisfleet.controller.plan.Fixtures.id;
import static io.redisfleet.controller.plan.Fixtures.ref;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.redisfleet.controller.model.AgentMode;
import io.redisfleet.controller.model.ClusterNodeView;
import io.redisfleet.controller.model.ClusterSpec;
import io.redisfleet.controller.model.ClusterState;
import io.redisfleet.controller.model.Host;
import io.redisfleet.controller.model.Inventory;
import io.redisfleet.controller.model.NodeDecl;
import io.redisfleet.controller.model.NodeRef;
import io.redisfleet.controller.model.ObservedNode;
import io.redisfleet.controller.model.Observation;
import io.redisfleet.controller.model.ReplicationGroup;
import io.redisfleet.controller.model.SlotRange;
import io.redisfleet.controller.model.Timeouts;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Issue #8: a host that does not answer no longer freezes its cluster (what is safe without it is
 * planned, the rest deferred), and ids a replaced node left behind are forgotten by every member.
 */
class HealPlannerTest {

  private static final List<String> SIX = List.of("h1:7000", "h1:7001", "h2:7002", "h2:7003", "h3:7004", "h3:7005");

  /** Three hosts, a cluster of the given nodes, the tutorial's pair on h1. */
  static Inventory threeHosts(List<String> declared) {
    Map<String, Host> hosts = Map.of(
        "h1", new Host("h1", "127.0.0.1", 7781, AgentMode.REMOTE, Map.of(), Optional.empty()),
        "h2", new Host("h2", "127.0.0.2", 7781, AgentMode.REMOTE, Map.of(), Optional.empty()),
        "h3", new Host("h3", "127.0.0.3", 7781, AgentMode.REMOTE, Map.of(), Optional.empty()));
    List<NodeDecl> nodes = declared.stream().map(s -> new NodeDecl(ref(s), List.of())).toList();
    ReplicationGroup pair = new ReplicationGroup("pair", new NodeDecl(ref("h1:6380"), List.of()),
        List.of(new NodeDecl(ref("h1:6381"), List.of())));
    return new Inventory("test.conf", hosts, List.of(new ClusterSpec("main", 1, nodes)), List.of(pair),
        Timeouts.DEFAULT, Optional.empty(), Map.of(), Engines.ANY);
  }

  private final Inventory six = threeHosts(SIX);
  private final Layout layout = Placement.place(six.clusters().get(0).refs(), 1, six.hosts());

  @Test
  void aScaleOutWithOneHostAwayRunsEverythingThatDoesNotNeedIt() {
    List<String> eight = new ArrayList<>(SIX);
    eight.addAll(List.of("h1:7006", "h2:7007"));
    Inventory inventory = threeHosts(eight);
    Observation obs = new Fixtures.State(six).converged(layout).unreachable("h3").build();

    Plan plan = Planner.apply(inventory, obs);

    assertTrue(plan.incomplete());
    assertEquals(List.of("h3"), plan.unreachableHosts());
    assertTrue(plan.steps().stream().flatMap(s -> StepHosts.nodes(s).stream()).noneMatch(n -> n.host().equals("h3")),
        "no step acts on, moves to or waits for h3: " + plan.steps());
    List<String> kinds = plan.steps().stream().map(Step::kind).toList();
    assertTrue(kinds.containsAll(List.of("apply-node", "meet", "wait-joined", "migrate-slots", "replicate",
        "wait-ready", "wait-linked")), kinds.toString());
    assertTrue(plan.deferred().stream().anyMatch(d -> d.contains("host h3") && d.contains("slot move")),
        plan.deferred().toString());
    assertEquals(List.of(Problem.Scope.host("h3")), plan.problems().stream().map(Problem::scope).toList(), plan.problems().toString());
  }

  @Test
  void aMasterAwayAndFailingDefersEverythingThatNeedsClusterOk() {
    NodeRef awayMaster = layout.masters().stream().filter(m -> m.host().equals("h3")).findFirst().orElseThrow();
    Fixtures.State state = new Fixtures.State(six).converged(layout).unreachable("h3");
    for (NodeRef r : six.clusters().get(0).refs()) {
      if (!r.host().equals("h3")) {
        state.put(withLine(nodeOf(state, r), awayMaster, Set.of("master", "fail")));
      }
    }
    List<String> eight = new ArrayList<>(SIX);
    eight.addAll(List.of("h1:7006", "h2:7007"));

    Plan plan = Planner.apply(threeHosts(eight), state.build());

    List<String> kinds = plan.steps().stream().map(Step::kind).toList();
    assertFalse(kinds.contains("migrate-slots") || kinds.contains("wait-ready"), kinds.toString());
    assertTrue(kinds.contains("meet"), "nodes still join: " + kinds);
    assertTrue(plan.deferred().stream().anyMatch(d -> d.contains("slot moves wait")), plan.deferred().toString());
  }

  @Test
  void aRestartIsDeferredWhileAHostOfItsClusterIsAway() {
    Fixtures.State state = new Fixtures.State(six).converged(layout).unreachable("h3");
    ObservedNode n = nodeOf(state, ref("h1:7000"));
    state.put(new ObservedNode(n.ref(), true, true, 1, true, "", n.role(), Optional.empty(), true, 0, 0, n.cluster(),
        true, 0, "r", new io.redisfleet.controller.model.ConfDrift(true, true, true, List.of("databases"), "restart")));
    Plan plan = Planner.apply(six, state.build());
    assertTrue(plan.steps().stream().noneMatch(s -> s.node().equals(ref("h1:7000"))), plan.steps().toString());
    assertTrue(plan.deferred().stream().anyMatch(d -> d.startsWith("node h1:7000: restart")), plan.deferred().toString());
  }

  /**
   * Found by PlannerModelTest: a scale in's forgets run on the members that answered only; the
   * absent one kept the leaving node and taught it back after the 60 s ban, a ghost for good.
   */
  @Test
  void aScaleInForgetsNothingWhileAMemberIsAway() {
    List<String> eight = new ArrayList<>(SIX);
    eight.addAll(List.of("h1:7006", "h2:7007"));
    Inventory before = threeHosts(eight);
    Layout eightLayout = Placement.place(before.clusters().get(0).refs(), 1, before.hosts());
    NodeRef replica = eightLayout.replicaOf().keySet().stream().filter(r -> !r.host().equals("h3")).sorted()
        .findFirst().orElseThrow();
    List<String> remaining = eight.stream().filter(r -> !ref(r).equals(replica)).toList();
    Observation obs = new Fixtures.State(before).converged(eightLayout).unreachable("h3").build();

    Plan plan = Planner.apply(threeHosts(remaining), obs);

    assertTrue(plan.steps().stream().noneMatch(s -> s instanceof Step.Forget || s instanceof Step.LeaveCluster
        || s instanceof Step.RemoveNode), plan.steps().toString());
    assertTrue(plan.deferred().stream().anyMatch(d -> d.contains("same stage")), plan.deferred().toString());
  }

  @Test
  void aStaleIdLeftByAReplacedNodeIsForgottenByEveryMemberInOneStage() {
    Fixtures.State state = new Fixtures.State(six).converged(layout);
    ClusterNodeView ghost = new ClusterNodeView("old-id-of-h2-7003", "", 0, Set.of("slave", "fail", "noaddr"),
        "", 0, false, List.of(), List.of());
    for (NodeRef r : six.clusters().get(0).refs()) {
      state.put(withView(nodeOf(state, r), ghost));
    }
    Plan plan = Planner.apply(six, state.build());
    List<Step.ForgetStale> forgets = plan.steps().stream().filter(Step.ForgetStale.class::isInstance)
        .map(Step.ForgetStale.class::cast).toList();
    assertEquals(6, forgets.size(), plan.steps().toString());
    assertEquals(6, plan.steps().size(), "the forgets are the only steps, one stage: " + plan.steps());
    assertTrue(forgets.stream().allMatch(f -> f.staleId().equals("old-id-of-h2-7003")
        && f.reason().code() == Reason.Code.STALE_NODE));
    assertEquals(List.of(), plan.problems());
    var rows = io.redisfleet.controller.report.StatusRow.of(six, state.build());
    assertTrue(rows.stream().filter(r -> r.port() >= 7000)
        .allMatch(r -> r.health().contains("stale peer old-id-o… (no address (noaddr)") && !r.healthy()),
        "status names the stale id on every member: " + rows);
  }

  @Test
  void aFailedIdWhoseAddressAnswersAsAnotherIdIsStaleButOneOwningSlotsIsNever() {
    Fixtures.State state = new Fixtures.State(six).converged(layout);
    ClusterNodeView replaced = new ClusterNodeView("old-id", "127.0.0.2", 7003, Set.of("slave", "fail"), "", 0, false,
        List.of(), List.of());
    ClusterNodeView owner = new ClusterNodeView("dead-owner", "", 0, Set.of("master", "fail", "noaddr"), "", 0, false,
        List.of(new SlotRange(0, 0)), List.of());
    for (NodeRef r : six.clusters().get(0).refs()) {
      state.put(withView(withView(nodeOf(state, r), replaced), owner));
    }
    Plan plan = Planner.apply(six, state.build());
    List<String> forgotten = plan.steps().stream().filter(Step.ForgetStale.class::isInstance)
        .map(s -> ((Step.ForgetStale) s).staleId()).distinct().toList();
    assertEquals(List.of("old-id"), forgotten, plan.steps().toString());
  }

  @Test
  void theInvariantsRefuseForgettingAStaleIdThatOwnsSlots() {
    Fixtures.State state = new Fixtures.State(six).converged(layout);
    Step.ForgetStale forget = new Step.ForgetStale("main", ref("h1:7000"), id(layout.masters().get(0)), "x:1",
        Reason.of(Reason.Code.STALE_NODE, "test"));
    Plan guarded = Planner.guarded(new Plan(List.of(forget), List.of(), List.of()), state.build(), PlanOptions.DEFAULT);
    assertEquals(List.of(), guarded.steps());
    assertTrue(guarded.problems().get(0).message().contains("NO_FORGET_SLOT_OWNER"), guarded.problems().toString());
  }

  private static ObservedNode nodeOf(Fixtures.State state, NodeRef ref) {
    return state.build().node(ref).orElseThrow();
  }

  private static ObservedNode withView(ObservedNode n, ClusterNodeView extra) {
    ClusterState c = n.cluster().orElseThrow();
    List<ClusterNodeView> lines = new ArrayList<>(c.nodes());
    lines.add(extra);
    return Fixtures.node(n.ref(), n.role(), n.linkUp(), n.keys(),
        Optional.of(new ClusterState(c.myId(), c.state(), lines.size(), c.currentEpoch(), c.myEpoch(), lines)));
  }

  /** The node's view with {@code who}'s line given these flags. */
  private static ObservedNode withLine(ObservedNode n, NodeRef who, Set<String> flags) {
    ClusterState c = n.cluster().orElseThrow();
    List<ClusterNodeView> lines = c.nodes().stream().map(l -> l.id().equals(id(who))
        ? new ClusterNodeView(l.id(), l.host(), l.port(), flags, l.masterId(), l.configEpoch(), false, l.slots(),
            l.migrating())
        : l).toList();
    return Fixtures.node(n.ref(), n.role(), n.linkUp(), n.keys(),
        Optional.of(new ClusterState(c.myId(), "fail", lines.size(), c.currentEpoch(), c.myEpoch(), lines)));
  }
}
