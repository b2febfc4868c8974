package io.redisfleet.controller.plan;

import static io.redisfleet.controller.plan.Fixtures.ref;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.redisfleet.controller.model.Directive;
import io.redisfleet.controller.model.Engine;
import io.redisfleet.controller.model.Engines;
import io.redisfleet.controller.model.HostObservation;
import io.redisfleet.controller.model.InstalledServer;
import io.redisfleet.controller.model.Inventory;
import io.redisfleet.controller.model.NodeDecl;
import io.redisfleet.controller.model.NodeRef;
import io.redisfleet.controller.model.Observation;
import io.redisfleet.controller.model.ReplicationGroup;
import io.redisfleet.controller.model.ServerVersion;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Each node is judged by its own host's server: engine, directives, and upgrades onto it. */
class ServerChecksTest {

  private static final Set<String> REDIS_60 = Set.of("port", "maxmemory", "appendonly", "cluster-node-timeout",
      "repl-diskless-sync-delay", "save");

  @Test
  void aDirectiveTheHostsServerDoesNotListIsAProblemNamingHostAndVersion() {
    Inventory inv = Fixtures.tutorialWith(List.of(new Directive("maxmemory-clients", List.of("10%"))));
    Observation seen = withServers(inv, converged(inv), new ServerVersion("redis", "6.0.16"), REDIS_60, Map.of());
    Plan plan = Planner.apply(inv, seen);
    assertTrue(plan.problems().stream().anyMatch(p -> p.toString().contains(
        "directive \"maxmemory-clients\" is not known to redis 6.0.16 on host h1")), plan.problems().toString());
  }

  @Test
  void aHostWhoseDirectiveListCouldNotBeReadIsAWarningNamingItNotASilentSkip() {
    Inventory inv = Fixtures.tutorialWith(List.of(new Directive("maxmemory-clients", List.of("10%"))));
    Observation seen = converged(inv);
    Map<String, HostObservation> hosts = new HashMap<>();
    seen.hosts().forEach((h, o) -> {
      HostObservation.Reachable r = (HostObservation.Reachable) o;
      hosts.put(h, new HostObservation.Reachable(h, r.backend(), "6.0.16", r.managedPorts(), r.nodes(),
          new InstalledServer(new ServerVersion("redis", "6.0.16"), Set.of(),
              h.equals("h1") ? "redis-server did not start on 127.0.0.1:40001 within 5 s" : ""), Map.of()));
    });
    Plan plan = Planner.apply(inv, new Observation(hosts));
    assertEquals(1, plan.warnings().size(), plan.warnings().toString());
    assertTrue(plan.warnings().get(0).toString().startsWith("host h1: could not read the directives redis 6.0.16"
        + " accepts (redis-server did not start on 127.0.0.1:40001 within 5 s)"), plan.warnings().toString());
    assertTrue(io.redisfleet.controller.report.Text.plan(plan).contains("warning: host h1: could not read"));
    assertTrue(io.redisfleet.controller.report.Json.plan(plan).contains("\"warnings\":[\"host h1: could not read"));
  }

  @Test
  void olderRunningServerIsRestartedOneNodeAtATimeReplicasFirst() {
    Inventory inv = Fixtures.tutorial();
    Observation before = converged(inv);
    Map<NodeRef, ServerVersion> running = new HashMap<>();
    inv.desiredNodes().forEach(d -> running.put(d.ref(), new ServerVersion("redis", "7.0.15")));
    Plan plan = Planner.apply(inv, withServers(inv, before, new ServerVersion("redis", "7.0.16"), Set.of(), running));
    List<Step.ApplyNode> restarts = plan.steps().stream().filter(Step.ApplyNode.class::isInstance)
        .map(Step.ApplyNode.class::cast).toList();
    assertEquals(8, restarts.size(), plan.steps().toString());
    assertTrue(restarts.stream().allMatch(s -> s.restart()
        && s.describe().contains("restart to upgrade 7.0.15 → 7.0.16")), restarts.toString());
    List<Boolean> replica = restarts.stream().map(s -> before.node(s.node()).orElseThrow().isReplica()).toList();
    assertEquals(replica.stream().sorted((a, b) -> Boolean.compare(b, a)).toList(), replica, "replicas first: " + restarts);
  }

  @Test
  void engineTheInventoryAsksForMustBeInstalledAndValkeyIsNotRolledBackToRedis() {
    Inventory base = Fixtures.tutorial();
    Inventory inv = new Inventory(base.source(), base.hosts(), base.clusters(), base.replication(), base.timeouts(),
        base.tlsDir(), Map.of(), new Engines(Optional.empty(), Map.of("main", Engine.VALKEY), Map.of()));
    Plan plan = Planner.apply(inv, withServers(inv, converged(inv), new ServerVersion("redis", "7.0.15"), Set.of(),
        Map.of()));
    assertTrue(plan.problems().stream().anyMatch(p -> p.toString().contains("asks for engine valkey, but host h1"
        + " runs nodes with redis 7.0.15")), plan.problems().toString());
    Plan back = Planner.apply(base, withServers(base, converged(base), new ServerVersion("redis", "7.0.15"), Set.of(),
        Map.of(ref("h1:6380"), new ServerVersion("valkey", "8.0.1"))));
    assertTrue(back.problems().stream().anyMatch(p -> p.toString().contains("going back from Valkey to Redis")),
        back.problems().toString());
  }

  @Test
  void aRedisReplicaOfAValkey8MasterIsRefusedNamingBothNodesAndHosts() {
    Inventory inv = Fixtures.tutorial();
    ReplicationGroup g = new ReplicationGroup("g", new NodeDecl(ref("h1:6390"), List.of()),
        List.of(new NodeDecl(ref("h2:6391"), List.of())));
    Inventory withGroup = new Inventory(inv.source(), inv.hosts(), inv.clusters(), List.of(g), inv.timeouts(),
        inv.tlsDir(), inv.goneHosts(), inv.engines());
    Observation seen = withServers(withGroup, converged(withGroup), new ServerVersion("redis", "7.0.15"), Set.of(),
        Map.of());
    Map<String, HostObservation> hosts = new HashMap<>(seen.hosts());
    HostObservation.Reachable h1 = (HostObservation.Reachable) hosts.get("h1");
    hosts.put("h1", new HostObservation.Reachable("h1", h1.backend(), "8.0.1", h1.managedPorts(), h1.nodes(),
        new InstalledServer(new ServerVersion("valkey", "8.0.1"), Set.of(), ""), Map.of()));
    Plan plan = Planner.apply(withGroup, new Observation(hosts));
    assertTrue(plan.problems().stream().anyMatch(p -> p.toString().contains("h2:6391")
        && p.toString().contains("cannot replicate from its master h1:6390: host h2 runs redis 7.0.15 and host h1"
        + " runs valkey 8.0.1")), plan.problems().toString());
    assertTrue(plan.steps().stream().noneMatch(s -> s instanceof Step.ApplyNode && s.node().equals(ref("h2:6391"))),
        plan.steps().toString());

    hosts.put("h1", new HostObservation.Reachable("h1", h1.backend(), "7.2.5", h1.managedPorts(), h1.nodes(),
        new InstalledServer(new ServerVersion("valkey", "7.2.5"), Set.of(), ""), Map.of()));
    Plan valkey72 = Planner.apply(withGroup, new Observation(hosts));
    assertTrue(valkey72.problems().stream().noneMatch(p -> p.toString().contains("cannot replicate")),
        "Valkey 7.2 writes data Redis 7 reads: " + valkey72.problems());
  }

  @Test
  void aGroupDoesNotWaitForTheLinkOfAReplicaItsHostRefuses() {
    Inventory inv = Fixtures.tutorial();
    ReplicationGroup g = new ReplicationGroup("g", new NodeDecl(ref("h1:6390"), List.of()),
        List.of(new NodeDecl(ref("h2:6391"), List.of()), new NodeDecl(ref("h1:6392"), List.of())));
    Inventory withGroup = new Inventory(inv.source(), inv.hosts(), inv.clusters(), List.of(g), inv.timeouts(),
        inv.tlsDir(), inv.goneHosts(), inv.engines());
    // the group is new (nothing of it runs); h2's server is Redis 7.0, h1's Valkey 8: h2's replica is refused
    Observation seen = withServers(inv, converged(inv), new ServerVersion("redis", "7.0.15"), Set.of(), Map.of());
    Map<String, HostObservation> hosts = new HashMap<>(seen.hosts());
    for (String h : List.of("h1")) {
      HostObservation.Reachable r = (HostObservation.Reachable) hosts.get(h);
      hosts.put(h, new HostObservation.Reachable(h, r.backend(), "8.0.1", r.managedPorts(), r.nodes(),
          new InstalledServer(new ServerVersion("valkey", "8.0.1"), Set.of(), ""), Map.of()));
    }
    Plan plan = Planner.apply(withGroup, new Observation(hosts));
    List<NodeRef> awaited = plan.steps().stream().filter(Step.WaitReplicasLinked.class::isInstance)
        .flatMap(s -> ((Step.WaitReplicasLinked) s).replicas().stream()).toList();
    assertEquals(List.of(ref("h1:6392")), awaited.stream().filter(r -> r.port() >= 6390).toList(),
        "the refused replica is not waited for; the other one is: " + plan.steps());
    assertTrue(plan.problems().stream().anyMatch(p -> p.toString().contains("h2:6391")), plan.problems().toString());
  }

  /**
   * A host with redis-server and valkey-server side by side: a node naming no engine stays on the
   * one it runs (no "upgrade", no "going back"); a cluster asking for valkey is rolled onto it,
   * not refused with a hint to install what is installed; its directives are judged by valkey's list.
   */
  @Test
  void onAHostWithBothEnginesEachNodeIsJudgedByItsOwnEngine() {
    Inventory base = Fixtures.tutorial();
    Map<NodeRef, ServerVersion> running = new HashMap<>();
    base.desiredNodes().forEach(d -> running.put(d.ref(), new ServerVersion("redis", "7.0.15")));
    running.put(ref("h1:7000"), new ServerVersion("valkey", "8.0.1"));
    Set<String> valkeyNames = Set.of("port", "maxmemory-clients");
    Observation both = bothEngines(withServers(base, converged(base), new ServerVersion("redis", "7.0.15"), REDIS_60,
        running), new InstalledServer(new ServerVersion("valkey", "8.0.1"), valkeyNames, ""));
    Plan stay = Planner.apply(base, both);
    assertTrue(stay.problems().isEmpty(), stay.problems().toString());
    assertTrue(stay.steps().stream().noneMatch(s -> s instanceof Step.ApplyNode a && a.restart()), stay.steps().toString());

    Inventory valkey = new Inventory(base.source(), base.hosts(), base.clusters(), base.replication(), base.timeouts(),
        base.tlsDir(), Map.of(), new Engines(Optional.empty(), Map.of("main", Engine.VALKEY), Map.of()));
    Plan roll = Planner.apply(valkey, both);
    assertTrue(roll.problems().isEmpty(), roll.problems().toString());
    List<String> upgrades = roll.steps().stream().filter(s -> s instanceof Step.ApplyNode a && a.restart())
        .map(Step::describe).toList();
    assertEquals(5, upgrades.size(), "the cluster's six nodes but the one on valkey already: " + roll.steps());
    assertTrue(upgrades.stream().allMatch(d -> d.contains("restart to upgrade redis 7.0.15 → valkey 8.0.1")), upgrades.toString());

    Inventory clients = Fixtures.tutorialWith(List.of(new Directive("maxmemory-clients", List.of("10%"))));
    Inventory clientsValkey = new Inventory(clients.source(), clients.hosts(), clients.clusters(), clients.replication(),
        clients.timeouts(), clients.tlsDir(), Map.of(), new Engines(Optional.empty(), Map.of("main", Engine.VALKEY), Map.of()));
    List<String> judged = Planner.apply(clientsValkey, both).problems().stream().map(Object::toString).toList();
    assertTrue(judged.stream().noneMatch(p -> p.contains("not known") && p.contains(":700")),
        "valkey's list knows it (only the pair, on redis, is refused): " + judged);
    assertTrue(judged.stream().anyMatch(p -> p.contains("not known") && p.contains(":638")), judged.toString());
    assertTrue(Planner.apply(clients, both).problems().stream().anyMatch(p -> p.toString().contains(
        "directive \"maxmemory-clients\" is not known to redis 7.0.15 on host h1")), "the redis nodes' list does not");
  }

  private static Observation bothEngines(Observation seen, InstalledServer second) {
    Map<String, HostObservation> hosts = new HashMap<>();
    seen.hosts().forEach((h, o) -> {
      HostObservation.Reachable r = (HostObservation.Reachable) o;
      hosts.put(h, new HostObservation.Reachable(h, r.backend(), r.redisVersion(), r.managedPorts(), r.nodes(),
          r.installed(), r.running(), List.of(r.installed(), second)));
    });
    return new Observation(hosts);
  }

  @Test
  void redisToValkeyIsAnUpgradeButANewerRedisIsNot() {
    assertEquals(Optional.of("redis 7.0.15 → valkey 8.0.1"),
        new ServerVersion("redis", "7.0.15").upgradeTo(new ServerVersion("valkey", "8.0.1")));
    assertEquals(Optional.empty(), new ServerVersion("valkey", "8.0.1").upgradeTo(new ServerVersion("redis", "7.2.4")));
    assertEquals(Optional.of("7.0.9 → 7.0.15"),
        new ServerVersion("redis", "7.0.9").upgradeTo(new ServerVersion("redis", "7.0.15")));
    assertEquals(Optional.empty(), new ServerVersion("redis", "7.0.15").upgradeTo(new ServerVersion("redis", "7.0.9")));
  }

  private static Observation converged(Inventory inv) {
    return new Fixtures.State(inv).converged(Placement.place(inv.clusters().get(0).refs(), 1)).build();
  }

  private static Observation withServers(Inventory inv, Observation seen, ServerVersion installed, Set<String> names,
      Map<NodeRef, ServerVersion> running) {
    Map<String, HostObservation> hosts = new HashMap<>();
    seen.hosts().forEach((h, o) -> {
      HostObservation.Reachable r = (HostObservation.Reachable) o;
      Map<Integer, ServerVersion> mine = new HashMap<>();
      running.forEach((ref, v) -> {
        if (ref.host().equals(h)) {
          mine.put(ref.port(), v);
        }
      });
      hosts.put(h, new HostObservation.Reachable(h, r.backend(), installed.version(), r.managedPorts(), r.nodes(),
          new InstalledServer(installed, names, ""), mine));
    });
    return new Observation(hosts);
  }
}
