package io.redisfleet.controller.report;

import io.redisfleet.controller.model.Engines;
import io.redisfleet.controller.exec.StepResult;
import io.redisfleet.controller.model.AgentMode;
import io.redisfleet.controller.model.ClusterNodeView;
import io.redisfleet.controller.model.ClusterSpec;
import io.redisfleet.controller.model.ClusterState;
import io.redisfleet.controller.model.ConfDrift;
import io.redisfleet.controller.model.DesiredNode;
import io.redisfleet.controller.model.Endpoint;
import io.redisfleet.controller.model.Host;
import io.redisfleet.controller.model.HostObservation;
import io.redisfleet.controller.model.Inventory;
import io.redisfleet.controller.model.Membership;
import io.redisfleet.controller.model.NodeDecl;
import io.redisfleet.controller.model.NodeRef;
import io.redisfleet.controller.model.ObservedNode;
import io.redisfleet.controller.model.Observation;
import io.redisfleet.controller.model.ReplicationGroup;
import io.redisfleet.controller.model.SlotRange;
import io.redisfleet.controller.model.Timeouts;
import io.redisfleet.controller.plan.Problem;
import io.redisfleet.controller.plan.Reason;
import io.redisfleet.controller.plan.Step;
import io.redisfleet.controller.preflight.Finding;
import io.redisfleet.controller.preflight.PreflightReport;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** A fixed apply over three hosts (one failed, one unreachable) for golden renderings. */
public final class Samples {

  private Samples() {}

  static Host host(String name, String address) {
    return new Host(name, address, 7781, AgentMode.REMOTE, Map.of(), Optional.empty());
  }

  public static Inventory inventory() {
    ReplicationGroup g1 = new ReplicationGroup("g1", new NodeDecl(new NodeRef("h1", 6380), List.of()),
        List.of(new NodeDecl(new NodeRef("h2", 6381), List.of())));
    ReplicationGroup g2 = new ReplicationGroup("g2", new NodeDecl(new NodeRef("h3", 6390), List.of()),
        List.of(new NodeDecl(new NodeRef("h3", 6391), List.of())));
    return new Inventory("fleet.conf", Map.of("h1", host("h1", "10.0.0.1"), "h2", host("h2", "10.0.0.2"),
        "h3", host("h3", "10.0.0.3")), List.of(), List.of(g1, g2), Timeouts.DEFAULT, Optional.empty(), Map.of(), Engines.ANY);
  }

  static Step.ApplyNode apply(String host, int port) {
    return new Step.ApplyNode(new DesiredNode(new NodeRef(host, port), new Membership.GroupMaster("g"), List.of()),
        Optional.empty(), Reason.of(Reason.Code.NEW_NODE, "new node"));
  }

  public static List<StepResult> results() {
    Step replicaOf = new Step.ReplicaOf("g1", new NodeRef("h2", 6381), new NodeRef("h1", 6380),
        new Endpoint("10.0.0.1", 6380), Reason.of(Reason.Code.REPLICA_NOT_ATTACHED, "not attached"));
    return List.of(
        new StepResult.Done(apply("h1", 6380), true, "conf created, started (pid 4242)", Duration.ofMillis(41)),
        new StepResult.Failed(apply("h2", 6381), "apply-node h2:6381: host h2: apply-node 6381: FAILED_PRECONDITION:"
            + " port 6381 is already in use", Duration.ofMillis(12)),
        new StepResult.Skipped(replicaOf, StepResult.Cause.STOPPED,
            "rollout stopped: 2 of 3 host(s) failed [h2, h3], more than --max-fail 1"));
  }

  public static Observation observation() {
    HostObservation.Reachable up1 = new HostObservation.Reachable("h1", "process", "7.0.15", List.of(6380), Map.of());
    HostObservation.Reachable up2 = new HostObservation.Reachable("h2", "process", "7.0.15", List.of(), Map.of());
    return new Observation(Map.of("h1", up1, "h2", up2,
        "h3", new HostObservation.Unreachable("h3", "host h3: get-host-facts: UNAVAILABLE (after 4 attempts)")));
  }

  /**
   * For status: {@link #inventory()} plus a cluster main of h1:7000 (a live master) and h2:7001
   * (down); g1's master h1:6380 and its replica h2:6381 are live, g2's host h3 is unreachable. So
   * every field of a status row appears both with a value and as null.
   */
  public static Inventory statusInventory() {
    Inventory base = inventory();
    ClusterSpec main = new ClusterSpec("main", 1, List.of(new NodeDecl(new NodeRef("h1", 7000), List.of()),
        new NodeDecl(new NodeRef("h2", 7001), List.of())));
    return new Inventory(base.source(), base.hosts(), List.of(main), base.replication(), base.timeouts(), base.tlsDir(), Map.of(), Engines.ANY);
  }

  public static Observation statusObservation() {
    ClusterNodeView myself = new ClusterNodeView("a1b2c3", "10.0.0.1", 7000, Set.of("myself", "master"), "", 1, true,
        List.of(new SlotRange(0, 5460), new SlotRange(10923, 16383)), List.of());
    ObservedNode clusterMaster = live(new NodeRef("h1", 7000), "master", Optional.empty(), 12,
        Optional.of(new ClusterState("a1b2c3", "ok", 2, 1, 1, List.of(myself))));
    ObservedNode groupMaster = live(new NodeRef("h1", 6380), "master", Optional.empty(), 3, Optional.empty());
    ObservedNode replica = live(new NodeRef("h2", 6381), "replica", Optional.of("10.0.0.1:6380"), 3, Optional.empty());
    return new Observation(Map.of(
        "h1", new HostObservation.Reachable("h1", "process", "7.0.15", List.of(7000, 6380),
            Map.of(7000, clusterMaster, 6380, groupMaster)),
        "h2", new HostObservation.Reachable("h2", "process", "7.0.15", List.of(6381), Map.of(6381, replica)),
        "h3", new HostObservation.Unreachable("h3", "host h3: get-host-facts: UNAVAILABLE (after 4 attempts)")));
  }

  /** A running node that answered; a replica's link is up. */
  private static ObservedNode live(NodeRef ref, String role, Optional<String> master, long keys,
      Optional<ClusterState> cluster) {
    return new ObservedNode(ref, true, true, 4242, true, "", io.redisfleet.controller.model.Role.of(role), master, master.isPresent(), 1000, keys, cluster,
        cluster.isPresent(), 1_048_576, "run-" + ref.port(), ConfDrift.none());
  }

  /** As {@link #observation()}, with h1:6380 running but refusing writes after a failed save. */
  public static Observation troubledObservation() {
    var node = new io.redisfleet.controller.model.ObservedNode(new NodeRef("h1", 6380), true, true, 4242, true, "",
        io.redisfleet.controller.model.Role.MASTER, Optional.empty(), false, 0, 3, Optional.empty(), false, 1024, "r1",
        io.redisfleet.controller.model.ConfDrift.none(),
        new io.redisfleet.controller.model.WriteHealth("err", "ok", "ok", 1024, 0, "noeviction", false));
    HostObservation.Reachable up1 = new HostObservation.Reachable("h1", "process", "7.0.15", List.of(6380),
        Map.of(6380, node));
    HostObservation.Reachable up2 = new HostObservation.Reachable("h2", "process", "7.0.15", List.of(), Map.of());
    return new Observation(Map.of("h1", up1, "h2", up2,
        "h3", new HostObservation.Unreachable("h3", "host h3: get-host-facts: UNAVAILABLE (after 4 attempts)")));
  }

  public static List<Problem> problems() {
    return List.of(new Problem(Problem.Scope.host("h3"), Problem.Code.HOST_UNREACHABLE, "unreachable: UNAVAILABLE (after 4 attempts)"),
        new Problem(Problem.Scope.APPLY, Problem.Code.ROLLOUT_STOPPED, "rollout stopped: 2 of 3 host(s) failed [h2, h3], more than --max-fail 1"));
  }

  public static PreflightReport preflight() {
    return new PreflightReport(List.of(
        new Finding("h1", "vm.overcommit_memory", "warning", "0", "1", "/usr/lib/sysctl.d/60-redis-fleet.conf ...", true),
        new Finding("h1", "redis-server", "ok", "/usr/bin/redis-server 7.0.15", ">= 7.0", "", false),
        new Finding("h3", "agent", "error", "unreachable: host h3: check-host: UNAVAILABLE", "answers",
            "start redis-fleet-agent on h3", false)),
        Map.of(), Set.of("h3"), Map.of("h1", "nothing changed: the settings ship in ..."));
  }
}
