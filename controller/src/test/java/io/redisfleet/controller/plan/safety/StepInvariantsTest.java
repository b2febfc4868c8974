package io.redisfleet.controller.plan.safety;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.redisfleet.controller.model.ClusterNodeView;
import io.redisfleet.controller.model.ClusterState;
import io.redisfleet.controller.model.ConfDrift;
import io.redisfleet.controller.model.NodeRef;
import io.redisfleet.controller.model.ObservedNode;
import io.redisfleet.controller.model.Role;
import io.redisfleet.controller.model.SlotRange;
import io.redisfleet.controller.plan.Reason;
import io.redisfleet.controller.plan.Step;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The executor's last look before a destructive step: what is true now decides, not the plan. */
class StepInvariantsTest {

  private static final NodeRef A = new NodeRef("h1", 7000);
  private static final NodeRef B = new NodeRef("h2", 7001);
  private static final Reason WHY = Reason.of(Reason.Code.NODE_LEAVING, "test");

  private static ObservedNode node(NodeRef ref, String id, String role, long keys, List<ClusterNodeView> peers,
      List<SlotRange> mine) {
    ClusterNodeView me = new ClusterNodeView(id, "127.0.0.1", ref.port(), Set.of("myself", role.equals("master")
        ? "master" : "slave"), "", 1, true, mine, List.of());
    List<ClusterNodeView> lines = new java.util.ArrayList<>(peers);
    lines.add(me);
    return new ObservedNode(ref, true, true, 1, true, "", Role.of(role), Optional.empty(), true, 0, keys,
        Optional.of(new ClusterState(id, "ok", lines.size(), 1, 1, lines)), true, 0, "run", ConfDrift.none());
  }

  @Test
  void aPromotionWithoutFailoverNeedsTheOldMasterFencedAndTheReplicaFollowingItLinked() {
    Step promote = new Step.Promote("g", B, A, WHY);
    assertEquals(List.of(B, A), StepInvariants.needs(promote));
    ObservedNode fencedA = groupNode(A, Role.MASTER, Optional.empty(), false, true);
    ObservedNode linkedB = groupNode(B, Role.REPLICA, Optional.of("127.0.0.1:7000"), true, false);
    assertTrue(StepInvariants.check(promote, Map.of(A, fencedA, B, linkedB)).isEmpty());
    var open = StepInvariants.check(promote, Map.of(A, groupNode(A, Role.MASTER, Optional.empty(), false, false),
        B, linkedB)).orElseThrow();
    assertEquals(Invariant.MASTER_MOVE_BY_PROMOTION, open.invariant());
    assertTrue(open.message().contains("not fenced"), open.message());
    var down = StepInvariants.check(promote, Map.of(A, fencedA,
        B, groupNode(B, Role.REPLICA, Optional.of("127.0.0.1:7000"), false, false))).orElseThrow();
    assertTrue(down.message().contains("link"), down.message());
    var elsewhere = StepInvariants.check(promote, Map.of(A, fencedA,
        B, groupNode(B, Role.REPLICA, Optional.of("127.0.0.9:7999"), true, false))).orElseThrow();
    assertTrue(elsewhere.message().contains("does not replicate from"), elsewhere.message());
    assertTrue(StepInvariants.check(promote, Map.of(A, groupNode(A, Role.MASTER, Optional.empty(), false, false),
        B, groupNode(B, Role.MASTER, Optional.empty(), false, false))).isEmpty(), "promoted already: the agent's no-op");
  }

  private static ObservedNode groupNode(NodeRef ref, Role role, Optional<String> master, boolean linkUp, boolean fenced) {
    return new ObservedNode(ref, true, true, 1, true, "", role, master, linkUp, 0, 10, Optional.empty(), false, 0, "run",
        ConfDrift.none(), io.redisfleet.controller.model.WriteHealth.UNKNOWN,
        new io.redisfleet.controller.model.Lineage("r-" + ref.port(), "", fenced));
  }

  @Test
  void forgetIsRefusedWhileTheForgetterStillSeesTheLeavingNodeOwnSlots() {
    ClusterNodeView leavingLine = new ClusterNodeView("idB", "127.0.0.2", 7001, Set.of("master"), "", 2, true,
        List.of(new SlotRange(0, 99)), List.of());
    Step forget = new Step.Forget("main", A, B, "idB-0000000", WHY);
    Map<NodeRef, ObservedNode> fresh = Map.of(A, node(A, "idA", "master", 0,
        List.of(new ClusterNodeView("idB-0000000", "127.0.0.2", 7001, Set.of("master"), "", 2, true,
            List.of(new SlotRange(0, 99)), List.of())), List.of()));
    var v = StepInvariants.check(forget, fresh).orElseThrow();
    assertEquals(Invariant.NO_FORGET_SLOT_OWNER, v.invariant());
    assertTrue(v.message().contains("h2:7001") && v.message().contains("100 slot(s)"), v.message());
    assertTrue(StepInvariants.check(forget, Map.of(A, node(A, "idA", "master", 0, List.of(leavingLine), List.of())))
        .isEmpty(), "another id's slots do not matter");
  }

  @Test
  void forgetIsRefusedWhileTheLeavingNodeClaimsSlotsInItsOwnView() {
    Step forget = new Step.Forget("main", A, B, "idB", WHY);
    var v = StepInvariants.check(forget, Map.of(B, node(B, "idB", "master", 5, List.of(), List.of(new SlotRange(7, 7)))));
    assertEquals(Invariant.NO_FORGET_SLOT_OWNER, v.orElseThrow().invariant());
  }

  @Test
  void resetAndRemovalOfAMasterWithKeysAreRefusedAReplicaIsNot() {
    Step leave = new Step.LeaveCluster("main", B, WHY);
    Step remove = new Step.RemoveNode(B, false, 0, WHY);
    Map<NodeRef, ObservedNode> master = Map.of(B, node(B, "idB", "master", 3, List.of(), List.of()));
    assertEquals(Invariant.NO_REMOVE_MASTER_WITH_KEYS, StepInvariants.check(leave, master).orElseThrow().invariant());
    assertEquals(Invariant.NO_REMOVE_MASTER_WITH_KEYS, StepInvariants.check(remove, master).orElseThrow().invariant());
    Map<NodeRef, ObservedNode> replica = Map.of(B, node(B, "idB", "replica", 3, List.of(), List.of()));
    assertTrue(StepInvariants.check(leave, replica).isEmpty());
    assertTrue(StepInvariants.check(new Step.RemoveNode(B, true, 3, WHY), master).isEmpty(), "--force removes");
  }

  /**
   * destroy removes every node: an empty master's slots go with all its peers (the contract:
   * only nodes holding keys are refused without --force); its keys still refuse it. A scale in's
   * removal of a slot owner stays refused.
   */
  @Test
  void destroyRemovesAnEmptySlotOwnerButNotOneHoldingKeys() {
    Reason destroy = Reason.of(Reason.Code.DESTROY, "destroy");
    Map<NodeRef, ObservedNode> empty = Map.of(B, node(B, "idB", "master", 0, List.of(), List.of(new SlotRange(0, 99))));
    assertTrue(StepInvariants.check(new Step.RemoveNode(B, false, 0, destroy), empty).isEmpty());
    assertEquals(Invariant.NO_FORGET_SLOT_OWNER,
        StepInvariants.check(new Step.RemoveNode(B, false, 0, WHY), empty).orElseThrow().invariant());
    Map<NodeRef, ObservedNode> full = Map.of(B, node(B, "idB", "master", 4, List.of(), List.of(new SlotRange(0, 99))));
    assertEquals(Invariant.NO_REMOVE_MASTER_WITH_KEYS,
        StepInvariants.check(new Step.RemoveNode(B, false, 0, destroy), full).orElseThrow().invariant());
  }

  @Test
  void slotsAnotherNodeClaimsAreNotAssigned() {
    Step add = new Step.AddSlots("main", A, List.of(new SlotRange(50, 60)), WHY);
    ClusterNodeView failed = new ClusterNodeView("idB", "127.0.0.2", 7001, Set.of("master", "fail"), "", 2, false,
        List.of(new SlotRange(60, 70)), List.of());
    var v = StepInvariants.check(add, Map.of(A, node(A, "idA", "master", 0, List.of(failed), List.of())));
    assertEquals(Invariant.NO_ASSIGN_CLAIMED_SLOT, v.orElseThrow().invariant());
    assertTrue(StepInvariants.check(add, Map.of(A, node(A, "idA", "master", 0, List.of(), List.of()))).isEmpty());
  }

  /**
   * A node replaced while the apply ran (new id at its address, empty): the ADDSLOTS and MEET
   * planned for the old one are refused; the same id, or a node the plan saw no id of, passes.
   */
  @Test
  void stepsPlannedForAReplacedNodeAreRefused() {
    Step add = new Step.AddSlots("main", A, List.of(new SlotRange(50, 60)), Optional.of("idA"), WHY);
    Step meet = new Step.Meet("main", A, B, new io.redisfleet.controller.model.Endpoint("127.0.0.2", 7001),
        Optional.of("idA"), WHY);
    Map<NodeRef, ObservedNode> replaced = Map.of(A, node(A, "idA2", "master", 0, List.of(), List.of()));
    for (Step step : List.of(add, meet)) {
      assertEquals(List.of(A), StepInvariants.needs(step));
      var v = StepInvariants.check(step, replaced).orElseThrow();
      assertEquals(Invariant.NO_STEP_ON_REPLACED_NODE, v.invariant());
      assertTrue(v.message().contains("idA2") && v.message().contains("idA "), v.message());
      assertTrue(StepInvariants.check(step, Map.of(A, node(A, "idA", "master", 0, List.of(), List.of()))).isEmpty());
    }
    Step unseen = new Step.Meet("main", A, B, new io.redisfleet.controller.model.Endpoint("127.0.0.2", 7001), WHY);
    assertEquals(List.of(), StepInvariants.needs(unseen), "a node started by this plan: nothing to compare");
  }

  @Test
  void aReplicateOverAMasterWithKeysIsRefused() {
    Step replicate = new Step.Replicate("main", A, B, WHY);
    var v = StepInvariants.check(replicate, Map.of(A, node(A, "idA", "master", 10, List.of(), List.of())));
    assertEquals(Invariant.NO_REPLICATE_OVER_DATA, v.orElseThrow().invariant());
  }

  /** A replica of {@code masterId} as it says of itself, its link up or down. */
  private static ObservedNode replica(NodeRef ref, String id, String masterId, boolean linkUp) {
    ClusterNodeView me = new ClusterNodeView(id, "127.0.0.1", ref.port(), Set.of("myself", "slave"), masterId, 1, true,
        List.of(), List.of());
    return new ObservedNode(ref, true, true, 1, true, "", Role.REPLICA, Optional.of("127.0.0.1:7000"), linkUp, 0, 0,
        Optional.of(new ClusterState(id, "ok", 2, 1, 1, List.of(me))), true, 0, "run", ConfDrift.none());
  }

  @Test
  void failoverOnlyFromTheMastersOwnLinkedReplica() {
    Step failover = new Step.Failover("main", B, A, Reason.of(Reason.Code.SPREAD_RESTORE, "test"));
    ObservedNode master = node(A, "idA", "master", 10, List.of(), List.of(new SlotRange(0, 99)));
    assertTrue(StepInvariants.check(failover, Map.of(B, replica(B, "idB", "idA", true), A, master)).isEmpty());
    var elsewhere = StepInvariants.check(failover, Map.of(B, replica(B, "idB", "idC", true), A, master)).orElseThrow();
    assertEquals(Invariant.CLUSTER_FAILOVER_COORDINATED, elsewhere.invariant());
    assertTrue(elsewhere.message().contains("replicates idC now"), elsewhere.message());
    var down = StepInvariants.check(failover, Map.of(B, replica(B, "idB", "idA", false), A, master)).orElseThrow();
    assertTrue(down.message().contains("link to h1:7000 down"), down.message());
    assertTrue(StepInvariants.check(failover, Map.of(B, node(B, "idB", "master", 10, List.of(), List.of()))).isEmpty(),
        "already a master: the failover happened, the agent's step is a no-op");
  }
}
