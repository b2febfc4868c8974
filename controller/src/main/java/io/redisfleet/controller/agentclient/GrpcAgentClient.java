package io.redisfleet.controller.agentclient;

import io.grpc.Channel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.redisfleet.agent.v1.AcquireLeaseRequest;
import io.redisfleet.agent.v1.AddSlotsRequest;
import io.redisfleet.agent.v1.CheckHostRequest;
import io.redisfleet.agent.v1.MigrateSlotsRequest;
import io.redisfleet.agent.v1.MigrateSlotsResponse;
import io.redisfleet.agent.v1.ProbeEndpointsRequest;
import io.redisfleet.agent.v1.ReleaseLeaseRequest;
import io.redisfleet.agent.v1.RenewLeaseRequest;
import io.redisfleet.agent.v1.AgentGrpc;
import io.redisfleet.agent.v1.ApplyNodeRequest;
import io.redisfleet.agent.v1.ApplyNodeResponse;
import io.redisfleet.agent.v1.ClusterForgetRequest;
import io.redisfleet.agent.v1.ClusterMeetRequest;
import io.redisfleet.agent.v1.ClusterResetRequest;
import io.redisfleet.agent.v1.ClusterOpResponse;
import io.redisfleet.agent.v1.ClusterReplicateRequest;
import io.redisfleet.agent.v1.GetHostFactsRequest;
import io.redisfleet.agent.v1.NodeSpec;
import io.redisfleet.agent.v1.ObserveNodesRequest;
import io.redisfleet.agent.v1.RemoveNodeRequest;
import io.redisfleet.agent.v1.RemoveNodeResponse;
import io.redisfleet.agent.v1.ReportPlanRequest;
import io.redisfleet.contract.WireEnums;
import io.redisfleet.controller.model.AgentFacts;
import io.redisfleet.controller.model.AgentReply;
import io.redisfleet.controller.model.ConfDrift;
import io.redisfleet.controller.model.DesiredNode;
import io.redisfleet.controller.model.FailoverMode;
import io.redisfleet.controller.model.NodeReport;
import io.redisfleet.controller.model.PasswordPhase;
import io.redisfleet.controller.model.PlanReport;
import io.redisfleet.agent.v1.FailoverRequest;
import io.redisfleet.agent.v1.FenceWritesRequest;
import io.redisfleet.agent.v1.ReplicaOfRequest;
import io.redisfleet.agent.v1.RunContext;
import io.redisfleet.agent.v1.SetConfigEpochRequest;
import io.redisfleet.controller.model.Endpoint;
import io.redisfleet.controller.model.EndpointProbe;
import io.redisfleet.controller.model.HostCheck;
import io.redisfleet.controller.model.ProbeNode;
import io.redisfleet.controller.model.Lease;
import io.redisfleet.controller.model.LeaseOutcome;
import io.redisfleet.controller.model.SlotRange;
import io.redisfleet.controller.tls.TlsFailures;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The gRPC adapter of {@link AgentClient}. Takes a {@link Channel} (the caller owns its
 * lifecycle), puts a deadline on every call and retries UNAVAILABLE and DEADLINE_EXCEEDED with
 * the given back-off; every agent rpc is idempotent, so a retry is always safe.
 */
public final class GrpcAgentClient implements AgentClient {

  private final String host;
  /** address:port of the agent (or "embedded"), for the messages: an operator must see where it was called. */
  private final String address;
  private final AgentGrpc.AgentBlockingStub stub;
  private final Duration deadline;
  private final BackOff backOff;
  private final RunContext run;

  public GrpcAgentClient(String host, Channel channel, Duration deadline, BackOff backOff, String runId) {
    this(host, "", channel, deadline, backOff, runId);
  }

  public GrpcAgentClient(String host, String address, Channel channel, Duration deadline, BackOff backOff,
      String runId) {
    this(host, address, AgentGrpc.newBlockingStub(channel), deadline, backOff,
        RunContext.newBuilder().setRunId(runId).build());
  }

  private GrpcAgentClient(String host, String address, AgentGrpc.AgentBlockingStub stub, Duration deadline,
      BackOff backOff, RunContext run) {
    this.host = host;
    this.address = address;
    this.stub = stub;
    this.deadline = deadline;
    this.backOff = backOff;
    this.run = run;
  }

  @Override
  public AgentClient forStep(String step) {
    return new GrpcAgentClient(host, address, stub, deadline, backOff, run.toBuilder().setStep(step).build());
  }

  @Override
  public String host() {
    return host;
  }

  @Override
  public AgentFacts facts() throws AgentCallException {
    return NodeStates.facts(call("get-host-facts", s -> s.getHostFacts(GetHostFactsRequest.newBuilder().setRun(run).build())));
  }

  @Override
  public ConfDrift preview(DesiredNode node, Optional<Endpoint> replicaOf) throws AgentCallException {
    return NodeStates.drift(applyNode("preview-node ", Protos.nodeSpec(node, replicaOf), true));
  }

  @Override
  public AgentReply applyNode(DesiredNode node, Optional<Endpoint> replicaOf) throws AgentCallException {
    return applied(applyNode("apply-node ", Protos.nodeSpec(node, replicaOf), false));
  }

  @Override
  public AgentReply rotatePassword(DesiredNode node, PasswordPhase phase) throws AgentCallException {
    return applied(applyNode("apply-node ", Protos.rotationSpec(node, phase), false));
  }

  @Override
  public AgentReply restartNode(DesiredNode node, Optional<Endpoint> replicaOf) throws AgentCallException {
    NodeSpec spec = Protos.nodeSpec(node, replicaOf);
    return applied(call("restart-node " + spec.getPort(), s -> s.applyNode(
        ApplyNodeRequest.newBuilder().setRun(run).setSpec(spec).setRestart(true).build())));
  }

  private ApplyNodeResponse applyNode(String what, NodeSpec spec, boolean dryRun) throws AgentCallException {
    return call(what + spec.getPort(), s -> s.applyNode(
        ApplyNodeRequest.newBuilder().setRun(run).setSpec(spec).setDryRun(dryRun).build()));
  }

  private static AgentReply applied(ApplyNodeResponse r) {
    return new AgentReply(r.getChanged(), r.getDetail() + (r.getPid() > 0 ? " (pid " + r.getPid() + ")" : ""));
  }

  @Override
  public List<NodeReport> observe(List<Integer> ports) throws AgentCallException {
    return call("observe-nodes", s -> s.observeNodes(
        ObserveNodesRequest.newBuilder().setRun(run).addAllPorts(ports).build())).getNodesList().stream()
        .map(n -> NodeStates.report(host, n)).toList();
  }

  @Override
  public List<NodeReport> observe(List<Integer> ports, List<Preview> previews) throws AgentCallException {
    return reports(observeNodes(ports, previews, false), previews);
  }

  @Override
  public HostReport observeHost(List<Integer> declared, List<Preview> previews) throws AgentCallException {
    var answer = observeNodes(declared, previews, true);
    if (!answer.hasFacts()) { // an agent from before with_facts: facts, then the observation, asked apart
      return AgentClient.super.observeHost(declared, previews);
    }
    return new HostReport(NodeStates.facts(answer.getFacts()), reports(answer, previews));
  }

  private io.redisfleet.agent.v1.ObserveNodesResponse observeNodes(List<Integer> ports, List<Preview> previews,
      boolean withFacts) throws AgentCallException {
    ObserveNodesRequest.Builder req = ObserveNodesRequest.newBuilder().setRun(run).addAllPorts(ports)
        .setWithFacts(withFacts);
    previews.forEach(p -> req.addPreviews(Protos.nodeSpec(p.node(), p.replicaOf())));
    return call("observe-nodes", s -> s.observeNodes(req.build()));
  }

  private List<NodeReport> reports(io.redisfleet.agent.v1.ObserveNodesResponse answer, List<Preview> previews)
      throws AgentCallException {
    List<NodeReport> out = new java.util.ArrayList<>();
    for (var state : answer.getNodesList()) {
      NodeReport report = NodeStates.report(host, state);
      Optional<Preview> asked = previews.stream().filter(p -> p.node().ref().port() == state.getPort()).findFirst();
      if (state.hasPreview()) {
        report = report.withDrift(NodeStates.drift(state.getPreview()));
      } else if (asked.isPresent()) {
        // an agent from before previews rode along with ObserveNodes: its dry run, asked alone
        report = report.withDrift(preview(asked.get().node(), asked.get().replicaOf()));
      }
      out.add(report);
    }
    return out;
  }

  @Override
  public AgentReply setConfigEpoch(int port, long epoch) throws AgentCallException {
    return reply(call("set-config-epoch " + port, s -> s.setConfigEpoch(
        SetConfigEpochRequest.newBuilder().setRun(run).setPort(port).setEpoch(epoch).build())));
  }

  @Override
  public AgentReply meet(int port, Endpoint target, String expectedId) throws AgentCallException {
    return reply(call("cluster-meet " + port + " " + target, s -> s.clusterMeet(ClusterMeetRequest.newBuilder()
        .setRun(run).setPort(port).setTarget(Protos.endpoint(target)).setExpectedId(expectedId).build())));
  }

  @Override
  public AgentReply addSlots(int port, List<SlotRange> ranges) throws AgentCallException {
    return reply(call("add-slots " + port, s -> s.addSlots(AddSlotsRequest.newBuilder().setRun(run).setPort(port)
        .addAllRanges(ranges.stream().map(Protos::slotRange).toList()).build())));
  }

  @Override
  public AgentReply replicate(int port, String masterId) throws AgentCallException {
    return reply(call("cluster-replicate " + port, s -> s.clusterReplicate(
        ClusterReplicateRequest.newBuilder().setRun(run).setPort(port).setMasterId(masterId).build())));
  }

  @Override
  public AgentReply failover(int port, FailoverMode mode) throws AgentCallException {
    String option = switch (mode) {
      case COORDINATED -> "";
      case FORCE -> "FORCE";
      case TAKEOVER -> "TAKEOVER";
    };
    return reply(call("cluster-failover " + port, max(deadline, FAILOVER_DEADLINE), s -> s.failover(
        FailoverRequest.newBuilder().setRun(run).setPort(port).setMode(option)
            .setFailoverMode(WireEnums.failoverMode(option)).build())));
  }

  @Override
  public AgentReply replicaOf(int port, Optional<Endpoint> master) throws AgentCallException {
    ReplicaOfRequest.Builder request = ReplicaOfRequest.newBuilder().setRun(run).setPort(port);
    master.ifPresent(m -> request.setMaster(Protos.endpoint(m)));
    return reply(call("replicaof " + port, s -> s.replicaOf(request.build())));
  }

  @Override
  public AgentReply migrateSlots(int port, Endpoint target, List<SlotRange> ranges) throws AgentCallException {
    return migrated(call("migrate-slots " + port + " " + target, s -> s.migrateSlots(MigrateSlotsRequest.newBuilder()
        .setRun(run).setPort(port).setTarget(Protos.endpoint(target))
        .addAllRanges(ranges.stream().map(Protos::slotRange).toList()).build())));
  }

  @Override
  public AgentReply forget(int port, String nodeId) throws AgentCallException {
    return reply(call("cluster-forget " + port, s -> s.clusterForget(
        ClusterForgetRequest.newBuilder().setRun(run).setPort(port).setNodeId(nodeId).build())));
  }

  @Override
  public AgentReply reset(int port) throws AgentCallException {
    return reply(call("cluster-reset " + port, s -> s.clusterReset(
        ClusterResetRequest.newBuilder().setRun(run).setPort(port).build())));
  }

  @Override
  public AgentReply removeReplica(int port) throws AgentCallException {
    return removed(call("remove-replica " + port, s -> s.removeNode(
        RemoveNodeRequest.newBuilder().setRun(run).setPort(port).setReplicaCopy(true).build())));
  }

  @Override
  public AgentReply failoverTo(int port, Endpoint to, Duration timeout) throws AgentCallException {
    return reply(call("failover-to " + port + " " + to, s -> s.failover(FailoverRequest.newBuilder().setRun(run)
        .setPort(port).setTo(Protos.endpoint(to)).setTimeoutMs((int) timeout.toMillis()).build())));
  }

  @Override
  public AgentReply fenceWrites(int port, Endpoint to, Duration timeout) throws AgentCallException {
    // the agent waits up to timeout for the replica: the deadline covers that wait and the answer
    return reply(call("fence-writes " + port + " " + to, max(deadline, timeout.plusSeconds(10)),
        s -> s.fenceWrites(FenceWritesRequest.newBuilder().setRun(run).setPort(port).setReplica(Protos.endpoint(to))
            .setTimeoutMs((int) timeout.toMillis()).build())));
  }

  @Override
  public AgentReply liftFence(int port) throws AgentCallException {
    return reply(call("lift-fence " + port, s -> s.fenceWrites(
        FenceWritesRequest.newBuilder().setRun(run).setPort(port).setLift(true).build())));
  }

  @Override
  public AgentReply remove(int port, boolean force) throws AgentCallException {
    return removed(call("remove-node " + port, s -> s.removeNode(
        RemoveNodeRequest.newBuilder().setRun(run).setPort(port).setForce(force).build())));
  }

  @Override
  public LeaseOutcome acquireLease(Lease claim, Duration ttl, boolean breakLock,
      String takeOverRunId) throws AgentCallException {
    return Leases.outcome(call("acquire-lease", s -> s.acquireLease(AcquireLeaseRequest.newBuilder().setRun(run)
        .setHolder(claim.holder()).setHolderHostId(claim.holderHostId()).setHolderPid(claim.holderPid())
        .setHolderStartedMs(claim.holderStartedMs()).setTakeOverRunId(takeOverRunId)
        .setTtlMs(ttl.toMillis()).setBreakLock(breakLock).build())));
  }

  @Override
  public LeaseOutcome renewLease(Duration ttl) throws AgentCallException {
    return Leases.outcome(call("renew-lease", s -> s.renewLease(
        RenewLeaseRequest.newBuilder().setRun(run).setTtlMs(ttl.toMillis()).build())));
  }

  @Override
  public LeaseOutcome releaseLease() throws AgentCallException {
    return Leases.outcome(call("release-lease", s -> s.releaseLease(ReleaseLeaseRequest.newBuilder().setRun(run).build())));
  }

  @Override
  public List<HostCheck> checkHost(int tcpBacklog) throws AgentCallException {
    return call("check-host", s -> s.checkHost(
        CheckHostRequest.newBuilder().setRun(run).setTcpBacklog(tcpBacklog).build())).getChecksList().stream()
        .map(Probes::check).toList();
  }

  @Override
  public List<EndpointProbe> probe(List<Endpoint> endpoints, List<ProbeNode> declared, Duration timeout) throws AgentCallException {
    return call("probe-endpoints", s -> s.probeEndpoints(ProbeEndpointsRequest.newBuilder().setRun(run)
        .addAllEndpoints(endpoints.stream().map(Protos::endpoint).toList())
        .addAllDeclaredNodes(declared.stream().map(Probes::node).toList())
        .setTimeoutMs((int) timeout.toMillis()).build())).getProbesList().stream().map(Probes::probe).toList();
  }

  /** One attempt within {@link #REPORT_DEADLINE}: a report is worth no retry and no wait (an old agent answers UNIMPLEMENTED). */
  @Override
  public void reportPlan(PlanReport report) throws AgentCallException {
    try {
      stub.withDeadlineAfter(REPORT_DEADLINE.toMillis(), TimeUnit.MILLISECONDS)
          .reportPlan(ReportPlanRequest.newBuilder().setRun(run).setCommand(report.command())
              .setPendingSteps(report.pendingSteps()).setIncomplete(report.incomplete())
              .setProblems(report.problems()).build());
    } catch (StatusRuntimeException e) {
      throw new AgentCallException(host, address, "report-plan", e.getStatus().getCode()
          + (e.getStatus().getDescription() == null ? "" : ": " + e.getStatus().getDescription()), false, false, e);
    }
  }

  private static AgentReply reply(ClusterOpResponse r) {
    return new AgentReply(r.getChanged(), r.getDetail());
  }

  private static AgentReply migrated(MigrateSlotsResponse r) {
    return new AgentReply(r.getChanged(), r.getDetail());
  }

  private static AgentReply removed(RemoveNodeResponse r) {
    return new AgentReply(r.getChanged(), r.getDetail());
  }

  static final Duration REPORT_DEADLINE = Duration.ofSeconds(2);

  private interface Call<T> {
    T invoke(AgentGrpc.AgentBlockingStub stub);
  }

  /**
   * A cluster failover may first wait out Redis' election retry time, 4 x cluster-node-timeout
   * (60 s with Redis' default), when the node won an election shortly before (the agent's
   * ClusterFailoverAttempts says why), then needs a few seconds for the failover itself.
   */
  static final Duration FAILOVER_DEADLINE = Duration.ofSeconds(90);

  private static Duration max(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }

  private <T> T call(String what, Call<T> call) throws AgentCallException {
    return call(what, deadline, call);
  }

  private <T> T call(String what, Duration deadline, Call<T> call) throws AgentCallException {
    for (int attempt = 1; ; attempt++) {
      try {
        sleep(backOff.delayBefore(attempt), what);
        return call.invoke(stub.withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS));
      } catch (StatusRuntimeException e) {
        Optional<String> tls = TlsFailures.explain(e);
        if (tls.isPresent()) { // a certificate problem does not go away by retrying
          throw new AgentCallException(host, address, what, "TLS handshake failed: " + tls.get(), false, true, e);
        }
        Status.Code code = e.getStatus().getCode();
        boolean retryable = code == Status.Code.UNAVAILABLE || code == Status.Code.DEADLINE_EXCEEDED;
        if (!retryable) {
          String message = code + (e.getStatus().getDescription() == null ? "" : ": " + e.getStatus().getDescription());
          throw new AgentCallException(host, address, what, message, false, false, e);
        }
        if (attempt >= backOff.attempts()) {
          throw new AgentCallException(host, address, what, CallFailures.cause(e, deadline) + " ("
              + code + ", after " + attempt + " attempts)", true, true, e);
        }
      }
    }
  }

  private void sleep(Duration delay, String what) throws AgentCallException {
    try {
      Thread.sleep(delay.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AgentCallException(host, address, what, "interrupted", false, false, e);
    }
  }
}
