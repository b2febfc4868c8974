package io.redisfleet.controller.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.redisfleet.controller.model.ConfDrift;
import io.redisfleet.controller.model.Inventory;
import io.redisfleet.controller.model.NodeRef;
import io.redisfleet.controller.model.ObservedNode;
import io.redisfleet.controller.model.Observation;
import java.util.List;
import org.junit.jupiter.api.Test;

/** TLS on or off: every member of the cluster switches its listener before anything waits. */
class ListenerSwitchTest {

  private final Inventory six = Fixtures.tutorial();
  private final Layout layout = Placement.place(six.clusters().get(0).refs(), 1);

  private Observation switching(List<String> changed) {
    Fixtures.State state = new Fixtures.State(six).converged(layout);
    Observation base = state.build();
    for (NodeRef r : six.clusters().get(0).refs()) {
      ObservedNode n = base.node(r).orElseThrow();
      state.put(new ObservedNode(n.ref(), true, true, n.pid(), true, "", n.role(), n.master(), n.linkUp(), 0, n.keys(),
          n.cluster(), true, 0, "run", new ConfDrift(true, true, true, changed, "conf changed (restart)")));
    }
    return state.build();
  }

  @Test
  void turningTlsOnRestartsEveryNodeOfTheClusterReplicasFirstThenWaitsOnce() {
    Plan plan = Planner.apply(six, switching(List.of("port", "tls-port", "tls-cluster", "tls-replication")));
    List<String> kinds = plan.steps().stream().map(Step::kind).toList();
    assertEquals(List.of("apply-node", "apply-node", "apply-node", "apply-node", "apply-node", "apply-node",
        "wait-ready", "wait-linked"), kinds, plan.steps().toString());
    assertTrue(plan.steps().stream().noneMatch(s -> s instanceof Step.Failover), "no failover: the shard switches whole");
    List<NodeRef> order = plan.steps().subList(0, 6).stream().map(Step::node).toList();
    assertTrue(order.subList(0, 3).stream().allMatch(r -> layout.replicaOf().containsKey(r)),
        "replicas first, so a plaintext majority of masters never sees a master fail: " + order);
  }

  @Test
  void anotherRestartStillRollsOneNodeAtATime() {
    Plan plan = Planner.apply(six, switching(List.of("databases")));
    List<String> kinds = plan.steps().stream().map(Step::kind).toList();
    assertEquals(List.of("apply-node", "wait-linked", "apply-node", "wait-linked", "apply-node", "wait-linked",
        "apply-node", "wait-ready", "apply-node", "wait-ready", "apply-node", "wait-ready"), kinds,
        "one node at a time, each waited for");
  }
}
