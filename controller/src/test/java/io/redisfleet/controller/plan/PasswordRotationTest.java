package io.redisfleet.controller.plan;

import io.redisfleet.controller.model.Engines;
import java.util.Map;
import static io.redisfleet.controller.plan.Fixtures.ref;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.redisfleet.controller.model.ClusterSpec;
import io.redisfleet.controller.model.ConfDrift;
import io.redisfleet.controller.model.ConfDrift.PasswordState;
import io.redisfleet.controller.model.Inventory;
import io.redisfleet.controller.model.NodeRef;
import io.redisfleet.controller.model.ObservedNode;
import io.redisfleet.controller.model.Observation;
import io.redisfleet.controller.model.RedisAuth;
import io.redisfleet.controller.model.ReplicationGroup;
import io.redisfleet.controller.model.Secret;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A changed password is rolled out in phases across each cluster and group, never node by node. */
class PasswordRotationTest {

  private static final RedisAuth AUTH = new RedisAuth(new Secret("new-pw"), List.of());

  private static Inventory withAuth() {
    Inventory t = Fixtures.tutorial();
    ClusterSpec main = t.clusters().get(0);
    ReplicationGroup pair = t.replication().get(0);
    return new Inventory(t.source(), t.hosts(),
        List.of(new ClusterSpec(main.name(), main.replicas(), main.nodes(), Optional.of(AUTH))),
        List.of(new ReplicationGroup(pair.name(), pair.master(), pair.replicas(), Optional.of(AUTH))),
        t.timeouts(), t.tlsDir(), Map.of(), Engines.ANY);
  }

  /** The converged fleet, every node reporting the old password (as the agents' dry runs do). */
  private static Observation oldPasswordEverywhere(Inventory inventory) {
    Fixtures.State state = new Fixtures.State(inventory).converged(Placement.place(inventory.clusters().get(0).refs(), 1));
    Observation converged = state.build();
    for (NodeRef r : allRefs(inventory)) {
      ObservedNode n = converged.node(r).orElseThrow();
      state.put(withDrift(n, new ConfDrift(true, true, false, List.of("masterauth", "requirepass"),
          "CONFIG SET masterauth requirepass", new PasswordState(true, true))));
    }
    return state.build();
  }

  @Test
  void everyNodeAcceptsTheNewPasswordBeforeAnyNodeSwitchesMasterauthThenOldIsDropped() {
    Inventory inventory = withAuth();
    Plan plan = Planner.apply(inventory, oldPasswordEverywhere(inventory));
    List<String> kinds = plan.steps().stream().map(Step::kind).toList();
    int nodes = allRefs(inventory).size();
    assertEquals(nodes, kinds.stream().filter("password-accept-new"::equals).count(), kinds.toString());
    assertEquals(nodes, kinds.stream().filter("password-switch-masterauth"::equals).count(), kinds.toString());
    int lastAccept = kinds.lastIndexOf("password-accept-new");
    int firstSwitch = kinds.indexOf("password-switch-masterauth");
    int lastSwitch = kinds.lastIndexOf("password-switch-masterauth");
    int firstApply = kinds.indexOf("apply-node");
    assertEquals(nodes - 1, lastAccept, "all accept steps come first: " + kinds);
    assertTrue(plan.barriers().contains(nodes), "the planner puts a barrier between the phases: " + plan.barriers());
    assertEquals(nodes, plan.stages().get(0).steps().size(), "the accept steps are one stage, and only they");
    assertTrue(lastAccept < firstSwitch && lastSwitch < firstApply, kinds.toString());
    // the plain apply (which drops the old password) reaches every node, after every switch
    assertEquals(nodes, plan.steps().stream().filter(s -> s instanceof Step.ApplyNode).count(), kinds.toString());
    assertTrue(plan.steps().stream().noneMatch(s -> s instanceof Step.ApplyNode a && a.restart()), kinds.toString());
  }

  @Test
  void halfDoneRotationResumesWithTheMissingPhasesOnly() {
    Inventory inventory = withAuth();
    Fixtures.State state = new Fixtures.State(inventory).converged(Placement.place(inventory.clusters().get(0).refs(), 1));
    Observation converged = state.build();
    // h1:7000 already switched (accepts new, masterauth new, old still accepted); the rest accept only
    for (NodeRef r : allRefs(inventory)) {
      boolean done = r.equals(ref("h1:7000"));
      state.put(withDrift(converged.node(r).orElseThrow(), new ConfDrift(true, true, false,
          List.of(done ? "accepted-passwords" : "masterauth"), "", new PasswordState(false, !done))));
    }
    List<Step> steps = Planner.apply(inventory, state.build()).steps();
    assertTrue(steps.stream().noneMatch(s -> s.kind().equals("password-accept-new")), steps.toString());
    List<NodeRef> switched = new ArrayList<>();
    steps.stream().filter(s -> s.kind().equals("password-switch-masterauth")).forEach(s -> switched.add(s.node()));
    assertEquals(allRefs(inventory).size() - 1, switched.size());
    assertTrue(!switched.contains(ref("h1:7000")));
  }

  @Test
  void unreachableHostStopsTheRotationOfItsScope() {
    Inventory inventory = withAuth();
    Observation observed = oldPasswordEverywhere(inventory);
    Fixtures.State state = new Fixtures.State(inventory);
    allRefs(inventory).stream().filter(r -> r.host().equals("h1")).forEach(r -> state.put(observed.node(r).orElseThrow()));
    Plan plan = Planner.apply(inventory, state.unreachable("h2").build());
    assertTrue(plan.steps().stream().noneMatch(s -> s.kind().equals("password-switch-masterauth")
        && s.describe().startsWith("cluster")), plan.steps().toString());
    assertTrue(plan.problems().stream().anyMatch(p -> p.toString().contains("password change not started")),
        plan.problems().toString());
  }

  @Test
  void convergedPasswordPlansNothing() {
    Inventory inventory = withAuth();
    Observation observed = new Fixtures.State(inventory).converged(Placement.place(inventory.clusters().get(0).refs(), 1)).build();
    assertEquals(List.of(), Planner.apply(inventory, observed).steps());
  }

  private static List<NodeRef> allRefs(Inventory inventory) {
    List<NodeRef> out = new ArrayList<>(inventory.clusters().get(0).refs());
    out.add(ref("h1:6380"));
    out.add(ref("h1:6381"));
    return out;
  }

  private static ObservedNode withDrift(ObservedNode n, ConfDrift drift) {
    return new ObservedNode(n.ref(), n.managed(), n.running(), n.pid(), n.reachable(), n.error(), n.role(), n.master(),
        n.linkUp(), n.replOffset(), n.keys(), n.cluster(), n.clusterConfigPresent(), n.usedMemory(), n.runId(), drift);
  }
}
