package io.redisfleet.controller.plan;

import io.redisfleet.controller.model.Engines;
import static io.redisfleet.controller.plan.Fixtures.ref;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.redisfleet.controller.model.AgentMode;
import io.redisfleet.controller.model.ConfDrift;
import io.redisfleet.controller.model.Endpoint;
import io.redisfleet.controller.model.Host;
import io.redisfleet.controller.model.Inventory;
import io.redisfleet.controller.model.Lineage;
import io.redisfleet.controller.model.ServerVersion;
import io.redisfleet.controller.model.NodeDecl;
import io.redisfleet.controller.model.ObservedNode;
import io.redisfleet.controller.model.Role;
import io.redisfleet.controller.model.Observation;
import io.redisfleet.controller.model.ReplicationGroup;
import io.redisfleet.controller.model.Timeouts;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Replication groups: master moves by handover, removed nodes, replicas only after a confirmed master. */
class GroupPlannerTest {

  private static final ConfDrift REPLICAOF_LIVE =
      new ConfDrift(true, true, false, List.of("replicaof"), "REPLICAOF");

  @Test
  void masterMovedToItsReplicaIsHandedOverNotRestarted() {
    Inventory inv = group("h2:6381", "h1:6380");
    Observation seen = state(inv, master("h1:6380", 100, REPLICAOF_LIVE), replica("h2:6381", "127.0.0.1:6380", true,
        REPLICAOF_LIVE));
    Plan plan = Planner.apply(inv, seen);
    assertEquals(List.of("wait-linked", "failover-to", "wait-handover"), kinds(plan), plan.steps().toString());
    Step.HandOverMaster handover = (Step.HandOverMaster) plan.steps().get(1);
    assertEquals(ref("h1:6380"), handover.node());
    assertEquals(new Endpoint("127.0.0.2", 6381), handover.address());
    assertFalse(plan.deferred().isEmpty(), "the confs follow in the next round");
    assertEquals(List.of(), plan.problems());
  }

  @Test
  void freshNewMasterStartsAsAReplicaAndCopiesTheDataFirst() {
    Inventory inv = group("h2:6382", "h1:6380", "h2:6381");
    Observation seen = state(inv, master("h1:6380", 100, REPLICAOF_LIVE),
        replica("h2:6381", "127.0.0.1:6380", true, REPLICAOF_LIVE));
    Plan plan = Planner.apply(inv, seen);
    assertEquals(List.of("apply-node", "wait-linked", "failover-to", "wait-handover"), kinds(plan));
    Step.ApplyNode start = (Step.ApplyNode) plan.steps().get(0);
    assertEquals(ref("h2:6382"), start.node());
    assertEquals(Optional.of(new Endpoint("127.0.0.1", 6380)), start.replicaOf());
    assertEquals(Reason.Code.MASTER_MOVE, start.reason().code());
  }

  @Test
  void emptyRunningNewMasterIsPointedAtTheDataFirst() {
    Inventory inv = group("h2:6382", "h1:6380");
    Observation seen = state(inv, master("h1:6380", 100, REPLICAOF_LIVE), master("h2:6382", 0, REPLICAOF_LIVE));
    assertEquals(List.of("replicaof", "wait-linked", "failover-to", "wait-handover"), kinds(Planner.apply(inv, seen)));
  }

  @Test
  void promotingAReplicaOfADownMasterNeedsForce() {
    Inventory inv = group("h2:6381", "h1:6380");
    ObservedNode down = new ObservedNode(ref("h1:6380"), true, false, 0, false, "not running", Role.UNKNOWN, Optional.empty(),
        false, 0, 0, Optional.empty(), false, 0, "", ConfDrift.none());
    Observation seen = state(inv, down, replica("h2:6381", "127.0.0.1:6380", false, REPLICAOF_LIVE));
    Plan refused = Planner.apply(inv, seen);
    assertEquals(List.of(), refused.steps());
    assertTrue(refused.problems().get(0).message().contains("--force"), refused.problems().toString());
    Plan forced = Planner.apply(inv, seen, new PlanOptions(true));
    assertEquals(List.of(), forced.problems());
    assertTrue(forced.steps().stream().anyMatch(s -> s instanceof Step.ApplyNode a && a.node().equals(ref("h2:6381"))),
        forced.steps().toString());
  }

  @Test
  void twoMastersHoldingKeysAreRefused() {
    Inventory inv = group("h2:6381", "h1:6380");
    Plan plan = Planner.apply(inv, state(inv, master("h1:6380", 100, REPLICAOF_LIVE), master("h2:6381", 5, ConfDrift.none())));
    assertEquals(List.of(), plan.steps());
    assertTrue(plan.problems().get(0).message().contains("both hold keys"), plan.problems().toString());
  }

  @Test
  void afterTheHandoverTheConfsFollowLiveAndOnlyTheReplicaIsWaitedFor() {
    Inventory inv = group("h2:6381", "h1:6380");
    Observation seen = state(inv, master("h2:6381", 100, REPLICAOF_LIVE),
        replica("h1:6380", "127.0.0.1:6381", true, REPLICAOF_LIVE));
    Plan plan = Planner.apply(inv, seen);
    assertEquals(List.of("apply-node", "confirm-master", "apply-node", "wait-linked"), kinds(plan));
    assertFalse(plan.steps().stream().anyMatch(s -> s instanceof Step.ApplyNode a && a.restart()), "no restart");
    assertEquals(List.of(ref("h1:6380")), ((Step.WaitReplicasLinked) plan.steps().get(3)).replicas(),
        "the new master is not waited for as a replica");
  }

  @Test
  void aReplicaStartsOnlyAfterItsMasterIsConfirmed() {
    Inventory inv = group("h1:6380", "h2:6381");
    Plan plan = Planner.apply(inv, Fixtures.empty(inv));
    assertEquals(List.of("apply-node", "confirm-master", "apply-node", "wait-linked"), kinds(plan));
    assertEquals(ref("h1:6380"), plan.steps().get(1).node());
  }

  @Test
  void droppedReplicaIsRemovedWithoutForce() {
    Inventory inv = group("h1:6380");
    Plan plan = Planner.apply(inv, state(inv, master("h1:6380", 100, ConfDrift.none()),
        replica("h2:6381", "127.0.0.1:6380", true, ConfDrift.none())));
    assertEquals(List.of("remove-replica"), kinds(plan));
    assertEquals(ref("h2:6381"), plan.steps().get(0).node());
  }

  @Test
  void droppedMasterHoldingKeysIsNamedUntilForce() {
    Inventory inv = group("h2:6390");
    Observation seen = state(inv, master("h2:6390", 0, ConfDrift.none()), master("h1:6380", 100, ConfDrift.none()),
        replica("h2:6381", "127.0.0.1:6380", true, ConfDrift.none()));
    Plan plan = Planner.apply(inv, seen);
    assertEquals(List.of("remove-replica"), kinds(plan), "its replica, a copy, goes");
    assertEquals(Problem.Scope.node(new io.redisfleet.controller.model.NodeRef("h1", 6380)), plan.problems().get(0).scope());
    assertEquals(Problem.Code.ORPHAN_KEPT, plan.problems().get(0).code()); // undeclared: an orphan, kept
    assertTrue(plan.problems().get(0).message().contains("100 keys") && plan.problems().get(0).message().contains("--force"));
    Plan forced = Planner.apply(inv, seen, new PlanOptions(true));
    assertEquals(List.of("remove-replica", "remove-node"), kinds(forced));
    Step.RemoveNode remove = (Step.RemoveNode) forced.steps().get(1);
    assertTrue(remove.force() && remove.keys() == 100, remove.describe());
    assertEquals(List.of(), forced.problems());
  }

  @Test
  void droppedOldMasterThatTheNewOneFollowsIsHandedOverFirst() {
    Inventory inv = group("h2:6381");
    Observation seen = state(inv, master("h1:6380", 100, ConfDrift.none()),
        replica("h2:6381", "127.0.0.1:6380", true, REPLICAOF_LIVE));
    Plan plan = Planner.apply(inv, seen);
    assertEquals(List.of("wait-linked", "failover-to", "wait-handover"), kinds(plan), plan.problems().toString());
    assertEquals(List.of(), plan.problems(), "removed after the handover, as a replica");
  }

  @Test
  void destroyReachesOrphansToo() {
    Inventory inv = group("h2:6390");
    Observation seen = state(inv, master("h2:6390", 0, ConfDrift.none()), master("h1:6380", 100, ConfDrift.none()),
        replica("h2:6381", "127.0.0.1:6380", true, ConfDrift.none()));
    Plan plan = Planner.destroy(inv, seen, false);
    assertEquals(List.of(ref("h2:6390")), plan.steps().stream().map(Step::node).toList());
    assertEquals(List.of("node h2:6381", "node h1:6380"), plan.problems().stream().map(p -> p.scope().toString()).toList(),
        "the orphans hold keys: --force");
    assertEquals(List.of(ref("h2:6381"), ref("h2:6390"), ref("h1:6380")),
        Planner.destroy(inv, seen, true).steps().stream().map(Step::node).toList(), "replicas first");
  }

  @Test
  void onRedis60TheMastersWritesAreFencedTheReplicaPromotedAndTheOldMasterRepointed() {
    Inventory inv = group("h2:6381", "h1:6380");
    Fixtures.State state = new Fixtures.State(inv).put(master("h1:6380", 100, REPLICAOF_LIVE))
        .put(replica("h2:6381", "127.0.0.1:6380", true, REPLICAOF_LIVE));
    Plan plan = Planner.apply(inv, state.running(ref("h1:6380"), REDIS_60).build());
    assertEquals(List.of("wait-linked", "fence-writes", "promote", "replicaof", "wait-handover"), kinds(plan),
        plan.steps().toString());
    Step.FenceWrites fence = (Step.FenceWrites) plan.steps().get(1);
    assertEquals(ref("h1:6380"), fence.node());
    assertEquals(new Endpoint("127.0.0.2", 6381), fence.address());
    assertEquals(ref("h2:6381"), plan.steps().get(2).node());
    Step.ReplicaOf repoint = (Step.ReplicaOf) plan.steps().get(3);
    assertEquals(ref("h1:6380"), repoint.node());
    assertEquals(new Endpoint("127.0.0.2", 6381), repoint.address());
    assertEquals(List.of(), plan.problems());
    Plan on62 = Planner.apply(inv, state.running(ref("h1:6380"), new ServerVersion("redis", "6.2.14")).build());
    assertEquals(List.of("wait-linked", "failover-to", "wait-handover"), kinds(on62), "6.2 has FAILOVER");
  }

  @Test
  void killedAfterTheFenceTheNextPlanFencesAgainAndGoesOnWhateverTheVersion() {
    Inventory inv = group("h2:6381", "h1:6380");
    Observation seen = state(inv, fenced(master("h1:6380", 100, REPLICAOF_LIVE), "aaa", ""),
        replica("h2:6381", "127.0.0.1:6380", true, REPLICAOF_LIVE));
    assertEquals(List.of("wait-linked", "fence-writes", "promote", "replicaof", "wait-handover"),
        kinds(Planner.apply(inv, seen)), "running 7.0.15 (the fixture's), but the fence is up: the same way on");
  }

  @Test
  void killedAfterThePromotionTheFencedOldMasterFollowsTheNewOne() {
    Inventory inv = group("h2:6381", "h1:6380");
    Observation seen = state(inv, fenced(master("h1:6380", 100, REPLICAOF_LIVE), "aaa", ""),
        lineage(master("h2:6381", 100, REPLICAOF_LIVE), "bbb", "aaa", false));
    Plan plan = Planner.apply(inv, seen);
    assertEquals(List.of("replicaof", "wait-handover"), kinds(plan), plan.problems().toString());
    assertEquals(ref("h1:6380"), plan.steps().get(0).node());
    assertEquals(List.of(), plan.problems());
  }

  @Test
  void twoMastersWithKeysAreRefusedWhenTheNewOneDoesNotCarryTheFencedOnesHistory() {
    Inventory inv = group("h2:6381", "h1:6380");
    Observation unrelated = state(inv, fenced(master("h1:6380", 100, REPLICAOF_LIVE), "aaa", ""),
        lineage(master("h2:6381", 100, REPLICAOF_LIVE), "bbb", "ccc", false));
    assertEquals(List.of(), Planner.apply(inv, unrelated).steps());
    Observation notFenced = state(inv, lineage(master("h1:6380", 100, REPLICAOF_LIVE), "aaa", "", false),
        lineage(master("h2:6381", 100, REPLICAOF_LIVE), "bbb", "aaa", false));
    Plan plan = Planner.apply(inv, notFenced);
    assertEquals(List.of(), plan.steps(), "a master that takes writes may hold some the other lacks");
    assertTrue(plan.problems().get(0).message().contains("both hold keys"), plan.problems().toString());
  }

  @Test
  void aFenceTheInventoryNoLongerAsksForIsLifted() {
    Inventory inv = group("h1:6380", "h2:6381"); // back to the old master before the promotion
    Observation seen = state(inv, fenced(master("h1:6380", 100, ConfDrift.none()), "aaa", ""),
        replica("h2:6381", "127.0.0.1:6380", true, ConfDrift.none()));
    Plan plan = Planner.apply(inv, seen);
    assertEquals(List.of("lift-fence"), kinds(plan), plan.problems().toString());
    assertEquals(ref("h1:6380"), plan.steps().get(0).node());
    var master = io.redisfleet.controller.report.StatusRow.of(inv, seen).stream().filter(r -> r.port() == 6380)
        .findFirst().orElseThrow();
    assertTrue(!master.healthy() && master.health().contains("writes fenced"), master.toString());
    assertEquals(Optional.of("NOREPLICAS"), master.refusesWrites(), "status says the fenced master refuses writes");
  }

  @Test
  void revertedAfterThePromotionTheFencedMasterCopiesTheNewOneBeforeItTakesOver() {
    Inventory inv = group("h1:6380", "h2:6381");
    Observation seen = state(inv, fenced(master("h1:6380", 100, ConfDrift.none()), "aaa", ""),
        lineage(master("h2:6381", 120, ConfDrift.none()), "bbb", "aaa", false));
    Plan plan = Planner.apply(inv, seen);
    assertEquals(List.of("replicaof", "wait-linked", "failover-to", "wait-handover"), kinds(plan),
        plan.problems().toString());
    assertEquals(ref("h1:6380"), plan.steps().get(0).node(), "the fenced one copies the one with every write");
  }

  private static final ServerVersion REDIS_60 = new ServerVersion("redis", "6.0.16");

  private static ObservedNode fenced(ObservedNode n, String replId, String replId2) {
    return lineage(n, replId, replId2, true);
  }

  private static ObservedNode lineage(ObservedNode n, String replId, String replId2, boolean fenced) {
    return new ObservedNode(n.ref(), n.managed(), n.running(), n.pid(), n.reachable(), n.error(), n.role(), n.master(),
        n.linkUp(), n.replOffset(), n.keys(), n.cluster(), n.clusterConfigPresent(), n.usedMemory(), n.runId(),
        n.drift(), n.writes(), new Lineage(replId, replId2, fenced));
  }

  private static List<String> kinds(Plan plan) {
    return plan.steps().stream().map(Step::kind).toList();
  }

  /** Hosts h1 (127.0.0.1) and h2 (127.0.0.2); group g of this master and replicas; no cluster. */
  private static Inventory group(String master, String... replicas) {
    Map<String, Host> hosts = Map.of(
        "h1", new Host("h1", "127.0.0.1", 7781, AgentMode.REMOTE, Map.of(), Optional.empty()),
        "h2", new Host("h2", "127.0.0.2", 7781, AgentMode.REMOTE, Map.of(), Optional.empty()));
    ReplicationGroup g = new ReplicationGroup("g", new NodeDecl(ref(master), List.of()),
        Arrays.stream(replicas).map(r -> new NodeDecl(ref(r), List.of())).toList());
    return new Inventory("test.conf", hosts, List.of(), List.of(g), Timeouts.DEFAULT, Optional.empty(), Map.of(), Engines.ANY);
  }

  private static Observation state(Inventory inv, ObservedNode... nodes) {
    Fixtures.State state = new Fixtures.State(inv);
    Arrays.stream(nodes).forEach(state::put);
    return state.build();
  }

  private static ObservedNode master(String ref, long keys, ConfDrift drift) {
    return new ObservedNode(ref(ref), true, true, 100, true, "", Role.MASTER, Optional.empty(), false, 0, keys,
        Optional.empty(), false, 0, "run", drift);
  }

  private static ObservedNode replica(String ref, String master, boolean linkUp, ConfDrift drift) {
    return new ObservedNode(ref(ref), true, true, 100, true, "", Role.REPLICA, Optional.of(master), linkUp, 0, 100,
        Optional.empty(), false, 0, "run", drift);
  }
}
