package io.redisfleet.controller.report;

import io.redisfleet.controller.exec.StepResult;
import io.redisfleet.controller.model.AgentMode;
import io.redisfleet.controller.model.DesiredNode;
import io.redisfleet.controller.model.Endpoint;
import io.redisfleet.controller.model.Host;
import io.redisfleet.controller.model.HostObservation;
import io.redisfleet.controller.model.Inventory;
import io.redisfleet.controller.model.Membership;
import io.redisfleet.controller.model.NodeDecl;
import io.redisfleet.controller.model.NodeRef;
import io.redisfleet.controller.model.Observation;
import io.redisfleet.controller.model.ReplicationGroup;
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
        "h3", host("h3", "10.0.0.3")), List.of(), List.of(g1, g2), Timeouts.DEFAULT, Optional.empty());
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

  /** As {@link #observation()}, with h1:6380 running but refusing writes after a failed save. */
  public static Observation troubledObservation() {
    var node = new io.redisfleet.controller.model.ObservedNode(new NodeRef("h1", 6380), true, true, 4242, true, "",
        "master", Optional.empty(), false, 0, 3, Optional.empty(), false, 1024, "r1",
        io.redisfleet.controller.model.ConfDrift.none(),
        new io.redisfleet.controller.model.WriteHealth("err", "ok", "ok", 1024, 0, "noeviction", false));
    HostObservation.Reachable up1 = new HostObservation.Reachable("h1", "process", "7.0.15", List.of(6380),
        Map.of(6380, node));
    HostObservation.Reachable up2 = new HostObservation.Reachable("h2", "process", "7.0.15", List.of(), Map.of());
    return new Observation(Map.of("h1", up1, "h2", up2,
        "h3", new HostObservation.Unreachable("h3", "host h3: get-host-facts: UNAVAILABLE (after 4 attempts)")));
  }

  public static List<Problem> problems() {
    return List.of(new Problem("host h3", "unreachable: UNAVAILABLE (after 4 attempts)"),
        new Problem("apply", "rollout stopped: 2 of 3 host(s) failed [h2, h3], more than --max-fail 1"));
  }

  public static PreflightReport preflight() {
    return new PreflightReport(List.of(
        new Finding("h1", "vm.overcommit_memory", "warning", "0", "1", "sysctl -w vm.overcommit_memory=1 ...", true),
        new Finding("h1", "redis-server", "ok", "/usr/bin/redis-server 7.0.15", ">= 7.0", "", false),
        new Finding("h3", "agent", "error", "unreachable: host h3: check-host: UNAVAILABLE", "answers",
            "start redis-fleet-agent on h3", false)),
        Map.of("h1", List.of("vm.overcommit_memory = 1")), Set.of("h3"));
  }
}
