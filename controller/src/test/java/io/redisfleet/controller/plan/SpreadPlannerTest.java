package io.redisfleet.controller.plan;

import io.redisfleet.controller.model.Engines;
import static io.redisfleet.controller.plan.Fixtures.ref;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.redisfleet.controller.model.AgentMode;
import io.redisfleet.controller.model.ClusterSpec;
import io.redisfleet.controller.model.Host;
import io.redisfleet.controller.model.Inventory;
import io.redisfleet.controller.model.NodeDecl;
import io.redisfleet.controller.model.NodeRef;
import io.redisfleet.controller.model.ObservedNode;
import io.redisfleet.controller.model.Role;
import io.redisfleet.controller.model.Observation;
import io.redisfleet.controller.model.ReplicationGroup;
import io.redisfleet.controller.model.Timeouts;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Master spread restored from the observed layout (issue #8 part 4), on hand-made states. */
class SpreadPlannerTest {

  /** Placement's layout for three hosts: one master each, each replica on the next host. */
  private static final Layout SPREAD = new Layout(List.of(ref("h1:7000"), ref("h2:7002"), ref("h3:7004")),
      Map.of(ref("h2:7003"), ref("h1:7000"), ref("h3:7005"), ref("h2:7002"), ref("h1:7001"), ref("h3:7004")));

  /** h1's master failed and came back as a replica: h2 holds two masters, h1 none. */
  private static final Layout ERODED = SpreadSwaps.swap(SPREAD, ref("h1:7000"), ref("h2:7003"));

  private static Inventory threeHosts(boolean restoreSpread) {
    Map<String, Host> hosts = Map.of(
        "h1", new Host("h1", "127.0.0.1", 7781, AgentMode.REMOTE, Map.of(), Optional.empty()),
        "h2", new Host("h2", "127.0.0.2", 7781, AgentMode.REMOTE, Map.of(), Optional.empty()),
        "h3", new Host("h3", "127.0.0.3", 7781, AgentMode.REMOTE, Map.of(), Optional.empty()));
    List<NodeDecl> nodes = List.of("h1:7000", "h1:7001", "h2:7002", "h2:7003", "h3:7004", "h3:7005").stream()
        .map(s -> new NodeDecl(ref(s), List.of())).toList();
    ReplicationGroup pair = new ReplicationGroup("pair", new NodeDecl(ref("h1:6380"), List.of()),
        List.of(new NodeDecl(ref("h1:6381"), List.of())));
    return new Inventory("spread.conf", hosts, List.of(new ClusterSpec("main", 1, nodes, Optional.empty(),
        Optional.empty(), restoreSpread)), List.of(pair), Timeouts.DEFAULT, Optional.empty(), Map.of(), Engines.ANY);
  }

  @Test
  void placementSpreadIsLeftAlone() {
    Inventory inventory = threeHosts(true);
    assertEquals(SPREAD, Placement.place(inventory.clusters().get(0).refs(), 1, inventory.hosts()));
    assertEquals(List.of(), Planner.apply(inventory, new Fixtures.State(inventory).converged(SPREAD).build()).steps());
  }

  @Test
  void erodedSpreadIsFailedBackOneShardWithBarriers() {
    Inventory inventory = threeHosts(true);
    Plan plan = Planner.apply(inventory, new Fixtures.State(inventory).converged(ERODED).build());
    assertEquals(List.of("failover", "wait-failover", "wait-ready"), plan.steps().stream().map(Step::kind).toList());
    Step.Failover failover = (Step.Failover) plan.steps().get(0);
    assertEquals(ref("h1:7000"), failover.node());
    assertEquals(ref("h2:7003"), failover.master());
    assertEquals(Reason.Code.SPREAD_RESTORE, failover.reason().code());
    assertTrue(failover.describe().contains("host h2 holds 2 of 3 masters [h2:7002, h2:7003]; losing it: only 1 of 3"
        + " masters remain"), failover.describe());
    // once it happened (the controller may have been killed right after), nothing more is planned
    Layout after = SpreadSwaps.swap(ERODED, ref("h2:7003"), ref("h1:7000"));
    assertEquals(List.of(), Planner.apply(inventory, new Fixtures.State(inventory).converged(after).build()).steps());
  }

  @Test
  void turnedOffLeavesTheErodedLayout() {
    Inventory inventory = threeHosts(false);
    assertEquals(List.of(), Planner.apply(inventory, new Fixtures.State(inventory).converged(ERODED).build()).steps());
  }

  /** A problem held against the cluster (typed scope) keeps the spread restore away, like a step would. */
  @Test
  void aClusterWithAProblemIsNotTouched() {
    Inventory inventory = threeHosts(true);
    PlanBuilder out = new PlanBuilder();
    out.problem(Problem.Scope.cluster("main"), Problem.Code.REFUSED, "refused for another reason");
    SpreadPlanner.plan(inventory, new Fixtures.State(inventory).converged(ERODED).build(), out);
    assertEquals(List.of(), out.steps());
  }

  @Test
  void aReplicaOutOfSyncIsNotPromoted() {
    Inventory inventory = threeHosts(true);
    Fixtures.State state = new Fixtures.State(inventory).converged(ERODED);
    Observation observed = state.build();
    ObservedNode replica = observed.node(ref("h1:7000")).orElseThrow();
    state.put(new ObservedNode(replica.ref(), true, true, replica.pid(), true, "", Role.REPLICA, replica.master(), false,
        0, 0, replica.cluster(), true, 0, "run", replica.drift()));
    Plan plan = Planner.apply(inventory, state.build());
    assertTrue(plan.steps().stream().noneMatch(s -> s instanceof Step.Failover), plan.steps().toString());
  }

  @Test
  void twoHostsGetTheirBestSpreadAndNoMore() {
    Inventory inventory = Fixtures.tutorial();
    Layout allOnH1 = new Layout(List.of(ref("h1:7000"), ref("h1:7001"), ref("h1:7002")),
        Map.of(ref("h2:7003"), ref("h1:7000"), ref("h2:7004"), ref("h1:7001"), ref("h2:7005"), ref("h1:7002")));
    Plan plan = Planner.apply(inventory, new Fixtures.State(inventory).converged(allOnH1).build());
    assertEquals(1, plan.steps().stream().filter(s -> s instanceof Step.Failover).count(), plan.steps().toString());
    Layout twoOne = SpreadSwaps.swap(allOnH1, ref("h1:7000"), ref("h2:7003"));
    assertEquals(List.of(), Planner.apply(inventory, new Fixtures.State(inventory).converged(twoOne).build()).steps());
  }

  @Test
  void observedSurvivabilitySaysWhy() {
    Inventory inventory = threeHosts(true);
    List<Survivability> eroded = Survivability.observed(inventory, new Fixtures.State(inventory).converged(ERODED)
        .build());
    assertEquals(Optional.of(false), eroded.get(0).anyOneHost());
    assertTrue(eroded.get(0).why().contains("losing host h2"), eroded.get(0).why());
    List<Survivability> spread = Survivability.observed(inventory, new Fixtures.State(inventory).converged(SPREAD)
        .build());
    assertEquals(Optional.of(true), spread.get(0).anyOneHost());
    NodeRef any = ref("h1:7000");
    assertTrue(spread.get(0).why().contains(any.host()), spread.get(0).why());
  }
}
