package io.redisfleet.controller.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.redisfleet.controller.model.ConfDrift;
import io.redisfleet.controller.model.Inventory;
import io.redisfleet.controller.model.NodeRef;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A certificate reload may restart a node (the agent's TLS fallback): plan says so and runs them one at a time. */
class TlsReloadPlanTest {

  @Test
  void aReloadTheAgentSaysMayRestartIsPlannedAsSuchOneNodeAtATime() {
    Inventory inventory = Fixtures.tutorial();
    Fixtures.State state = new Fixtures.State(inventory).converged(Placement.place(inventory.clusters().get(0).refs(), 1));
    var converged = state.build();
    List<NodeRef> refs = inventory.clusters().get(0).refs();
    for (NodeRef r : refs) {
      state.put(converged.node(r).orElseThrow().withDrift(new ConfDrift(true, true, false, List.of("tls-files"),
          "TLS certificates reloaded", ConfDrift.PasswordState.CURRENT, List.of(), true)));
    }
    Plan plan = Planner.apply(inventory, state.build());
    List<Step> reloads = plan.steps().stream()
        .filter(s -> s instanceof Step.ApplyNode a && a.reason().code() == Reason.Code.TLS_RELOAD).toList();
    assertEquals(refs.size(), reloads.size(), plan.steps().toString());
    assertTrue(reloads.get(0).describe().contains("a restart if the new certificates do not reach it"),
        reloads.get(0).describe());
    assertTrue(plan.stages().stream().filter(s -> reloads.contains(s.steps().get(0)))
        .allMatch(s -> s.steps().size() == 1), "one reload per stage: " + plan.stages());
  }

  @Test
  void aReloadThatCannotRestartStaysALiveChangeInParallel() {
    Inventory inventory = Fixtures.tutorial();
    Fixtures.State state = new Fixtures.State(inventory).converged(Placement.place(inventory.clusters().get(0).refs(), 1));
    var converged = state.build();
    for (NodeRef r : inventory.clusters().get(0).refs()) {
      state.put(converged.node(r).orElseThrow().withDrift(new ConfDrift(true, true, false, List.of("hz"),
          "CONFIG SET hz", ConfDrift.PasswordState.CURRENT, List.of(), false)));
    }
    Plan plan = Planner.apply(inventory, state.build());
    assertTrue(plan.steps().stream().allMatch(s -> !(s instanceof Step.ApplyNode a)
        || a.reason().code() == Reason.Code.CONF_CHANGED_LIVE), plan.steps().toString());
    assertEquals(inventory.clusters().get(0).refs().size(), plan.stages().get(0).steps().size());
  }
}
