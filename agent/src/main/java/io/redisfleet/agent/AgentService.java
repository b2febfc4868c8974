package io.redisfleet.agent;

import io.redisfleet.contract.WireEnums;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import io.redisfleet.agent.node.ClusterOps;
import io.redisfleet.agent.node.HostFactsReader;
import io.redisfleet.agent.node.ManagedPorts;
import io.redisfleet.agent.node.NodeApplier;
import io.redisfleet.agent.node.NodeObserver;
import io.redisfleet.agent.node.NodeRemover;
import io.redisfleet.agent.redis.JedisRedisAdmin;
import io.redisfleet.agent.redis.RedisAdmin;
import io.redisfleet.agent.service.ServiceManager;
import io.redisfleet.agent.service.ServiceManagers;
import io.redisfleet.agent.v1.AddSlotsRequest;
import io.redisfleet.agent.v1.AgentGrpc;
import io.redisfleet.agent.v1.ApplyNodeRequest;
import io.redisfleet.agent.v1.ApplyNodeResponse;
import io.redisfleet.agent.v1.ClusterMeetRequest;
import io.redisfleet.agent.v1.ClusterOpResponse;
import io.redisfleet.agent.v1.ClusterForgetRequest;
import io.redisfleet.agent.v1.ClusterResetRequest;
import io.redisfleet.agent.v1.ClusterReplicateRequest;
import io.redisfleet.agent.v1.FailoverRequest;
import io.redisfleet.agent.v1.MigrateSlotsRequest;
import io.redisfleet.agent.v1.MigrateSlotsResponse;
import io.redisfleet.agent.v1.GetHostFactsRequest;
import io.redisfleet.agent.v1.HostFacts;
import io.redisfleet.agent.v1.ObserveNodesRequest;
import io.redisfleet.agent.v1.ObserveNodesResponse;
import io.redisfleet.agent.v1.RemoveNodeRequest;
import io.redisfleet.agent.v1.RemoveNodeResponse;
import io.redisfleet.agent.v1.ReplicaOfRequest;
import io.redisfleet.agent.v1.RunContext;
import io.redisfleet.agent.v1.SetConfigEpochRequest;
import io.redisfleet.agent.host.EndpointProber;
import io.redisfleet.agent.host.ProbeScope;
import io.redisfleet.agent.host.HostChecker;
import io.redisfleet.agent.host.ShippedSettings;
import io.redisfleet.agent.host.SystemRoot;
import io.redisfleet.agent.lease.LeaseKeeper;
import io.redisfleet.agent.lease.LeaseStore;
import io.redisfleet.agent.v1.AcquireLeaseRequest;
import io.redisfleet.agent.v1.CheckHostRequest;
import io.redisfleet.agent.v1.CheckHostResponse;
import io.redisfleet.agent.v1.FixSysctlRequest;
import io.redisfleet.agent.v1.FixSysctlResponse;
import io.redisfleet.agent.v1.LeaseResponse;
import io.redisfleet.agent.v1.ProbeEndpointsRequest;
import io.redisfleet.agent.v1.ProbeEndpointsResponse;
import io.redisfleet.agent.v1.ReleaseLeaseRequest;
import io.redisfleet.agent.v1.RenewLeaseRequest;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The gRPC edge of the agent: validates each request, runs it under the node's lock, logs a
 * change once, and maps {@link AgentException} kinds to status codes. All behaviour lives in
 * the node package.
 */
public final class AgentService extends AgentGrpc.AgentImplBase implements AutoCloseable {

  private final NodeApplier applier;
  private final NodeObserver observer;
  private final ClusterOps cluster;
  private final NodeRemover remover;
  private final HostFactsReader facts;
  private final ExecutorService pool;
  private final PortLocks locks = new PortLocks();
  private final io.redisfleet.agent.metrics.ApplyRecord applies = new io.redisfleet.agent.metrics.ApplyRecord();
  private final io.redisfleet.agent.metrics.PlanReports plans = new io.redisfleet.agent.metrics.PlanReports();
  private final io.redisfleet.agent.node.AppliedConf applied;
  private final io.redisfleet.agent.node.NodeDrift drift;
  private final LeaseKeeper lease;
  private final HostChecker checker;
  private final EndpointProber prober;
  private final AgentLog log;
  private final AgentConfig config;

  public AgentService(AgentConfig config, ServiceManager services, RedisAdmin redis) {
    this(config, services, redis, SystemRoot.HOST, Clock.systemUTC());
  }

  /** With the kernel's settings read below {@code root} (a fake directory in tests) and a clock for leases. */
  public AgentService(AgentConfig config, ServiceManager services, RedisAdmin redis, SystemRoot root, Clock clock) {
    this.pool = Executors.newFixedThreadPool(16, r -> {
      Thread t = new Thread(r, "agent-observe");
      t.setDaemon(true);
      return t;
    });
    this.applier = new NodeApplier(config, services, redis);
    this.observer = new NodeObserver(config, services, redis, pool);
    this.cluster = new ClusterOps(config, redis);
    this.remover = new NodeRemover(config, services, redis);
    this.facts = new HostFactsReader(config, services);
    this.lease = new LeaseKeeper(new LeaseStore(config.dataRoot(), clock));
    this.checker = new HostChecker(config, root, HostFactsReader::redisVersion);
    this.prober = new EndpointProber(pool);
    this.log = new AgentLog(AgentService.class, config.hostAddress());
    this.config = config;
    this.applied = new io.redisfleet.agent.node.AppliedConf(config);
    this.drift = new io.redisfleet.agent.node.NodeDrift(config, services, redis);
  }

  /** The production wiring: the backend the config asks for, Jedis to the local nodes. */
  public static AgentService create(AgentConfig config) {
    return create(config, SystemRoot.HOST);
  }

  /** The production wiring with the kernel settings below {@code root}. */
  public static AgentService create(AgentConfig config, SystemRoot root) {
    return new AgentService(config, ServiceManagers.choose(config), new JedisRedisAdmin(new io.redisfleet.agent.conf.ConfCredentials(config)), root, Clock.systemUTC());
  }

  @Override
  public void getHostFacts(GetHostFactsRequest req, StreamObserver<HostFacts> out) {
    respond(out, "GetHostFacts", req.getRun(), facts::read);
  }

  @Override
  public void applyNode(ApplyNodeRequest req, StreamObserver<ApplyNodeResponse> out) {
    respond(out, "ApplyNode", req.getRun(), () -> {
      Requests.spec(req.getSpec());
      if (!req.getDryRun()) {
        lease.check(req.getRun(), "ApplyNode " + req.getSpec().getPort());
      }
      ApplyNodeResponse r;
      try {
        r = locks.with(req.getSpec().getPort(), () -> {
          ApplyNodeResponse done = applier.apply(req.getSpec(), req.getDryRun(), req.getRestart());
          if (!req.getDryRun()) {
            applied.record(req.getSpec().getPort()); // the conf a hand edit is compared with (metrics)
          }
          return done;
        });
      } catch (AgentException | RuntimeException e) {
        if (!req.getDryRun()) {
          applies.record(java.time.Instant.now(), false);
        }
        throw e;
      }
      if (!req.getDryRun()) {
        applies.record(java.time.Instant.now(), true);
      }
      if (r.getChanged() && !req.getDryRun()) {
        log.info(req.getRun(), Integer.toString(r.getPort()), r.getDetail() + " (reasons " + r.getReasonsList()
            + ", directives " + r.getChangedDirectivesList() + ", pid " + r.getPid() + ")");
      }
      return r;
    });
  }

  @Override
  public void observeNodes(ObserveNodesRequest req, StreamObserver<ObserveNodesResponse> out) {
    respond(out, "ObserveNodes", req.getRun(), () -> {
      Requests.ports(req.getPortsList());
      for (var spec : req.getPreviewsList()) {
        Requests.spec(spec);
      }
      ObserveNodesResponse.Builder r = ObserveNodesResponse.newBuilder();
      java.util.List<Integer> ports = req.getPortsList();
      if (req.getWithFacts()) {
        HostFacts host = facts.read();
        r.setFacts(host);
        ports = new java.util.ArrayList<>(ports);
        for (int managed : host.getManagedPortsList()) {
          if (!ports.contains(managed)) {
            ports.add(managed);
          }
        }
      }
      if (req.getWithFacts() && ports.isEmpty()) {
        return r.build(); // nothing declared here and nothing managed (an empty ports would mean: every node)
      }
      return r.addAllNodes(observer.observe(ports, req.getPreviewsList(),
          (spec, status) -> locks.with(spec.getPort(), () -> applier.preview(spec, status)))).build();
    });
  }

  @Override
  public void setConfigEpoch(SetConfigEpochRequest req, StreamObserver<ClusterOpResponse> out) {
    clusterOp(out, "SetConfigEpoch", req.getRun(), req.getPort(),
        () -> cluster.setConfigEpoch(req.getPort(), Requests.epoch(req.getPort(), req.getEpoch())));
  }

  @Override
  public void clusterMeet(ClusterMeetRequest req, StreamObserver<ClusterOpResponse> out) {
    clusterOp(out, "ClusterMeet", req.getRun(), req.getPort(),
        () -> cluster.meet(req.getPort(), Requests.endpoint(req.getPort(), "target", req.getTarget()),
            req.getExpectedId().isEmpty() ? "" : Requests.nodeId(req.getPort(), req.getExpectedId())));
  }

  @Override
  public void addSlots(AddSlotsRequest req, StreamObserver<ClusterOpResponse> out) {
    clusterOp(out, "AddSlots", req.getRun(), req.getPort(), () -> {
      return cluster.addSlots(req.getPort(), Requests.slotRanges(req.getPort(), req.getRangesList()));
    });
  }

  @Override
  public void clusterReplicate(ClusterReplicateRequest req, StreamObserver<ClusterOpResponse> out) {
    clusterOp(out, "ClusterReplicate", req.getRun(), req.getPort(),
        () -> cluster.replicate(req.getPort(), Requests.nodeId(req.getPort(), req.getMasterId())));
  }

  @Override
  public void clusterForget(ClusterForgetRequest req, StreamObserver<ClusterOpResponse> out) {
    clusterOp(out, "ClusterForget", req.getRun(), req.getPort(),
        () -> cluster.forget(req.getPort(), Requests.nodeId(req.getPort(), req.getNodeId())));
  }

  @Override
  public void clusterReset(ClusterResetRequest req, StreamObserver<ClusterOpResponse> out) {
    clusterOp(out, "ClusterReset", req.getRun(), req.getPort(), () -> cluster.reset(req.getPort()));
  }

  @Override
  public void replicaOf(ReplicaOfRequest req, StreamObserver<ClusterOpResponse> out) {
    clusterOp(out, "ReplicaOf", req.getRun(), req.getPort(), () -> cluster.replicaOf(req.getPort(),
        req.hasMaster() ? Optional.of(Requests.endpoint(req.getPort(), "master", req.getMaster())) : Optional.empty()));
  }

  @Override
  public void failover(FailoverRequest req, StreamObserver<ClusterOpResponse> out) {
    clusterOp(out, "Failover", req.getRun(), req.getPort(), () -> {
      String mode = Requests.failoverMode(req.getPort(),
          WireEnums.failoverMode(req.getFailoverMode(), req.getMode()));
      if (!req.hasTo()) {
        io.grpc.Context call = io.grpc.Context.current();
        return cluster.failover(req.getPort(), mode, budget(), call::isCancelled);
      }
      if (!mode.isEmpty() || req.getTimeoutMs() < 0 || req.getTimeoutMs() > 600_000) {
        throw Requests.invalid("node " + req.getPort() + ": FAILOVER TO takes no mode and a timeout of 0..600000 ms");
      }
      return cluster.failoverTo(req.getPort(), Requests.endpoint(req.getPort(), "to", req.getTo()), req.getTimeoutMs());
    });
  }

  @Override
  public void fenceWrites(io.redisfleet.agent.v1.FenceWritesRequest req, StreamObserver<ClusterOpResponse> out) {
    clusterOp(out, "FenceWrites", req.getRun(), req.getPort(), () -> {
      if (req.getLift()) {
        if (req.hasReplica()) {
          throw Requests.invalid("node " + req.getPort() + ": FenceWrites: lift takes no replica");
        }
        return cluster.liftFence(req.getPort());
      }
      if (req.getTimeoutMs() < 0 || req.getTimeoutMs() > 600_000) {
        throw Requests.invalid("node " + req.getPort() + ": FenceWrites: a timeout of 0..600000 ms");
      }
      io.grpc.Context call = io.grpc.Context.current();
      return cluster.fenceWrites(req.getPort(), Requests.endpoint(req.getPort(), "replica", req.getReplica()),
          req.getTimeoutMs(), call::isCancelled);
    });
  }

  @Override
  public void removeNode(RemoveNodeRequest req, StreamObserver<RemoveNodeResponse> out) {
    respond(out, "RemoveNode", req.getRun(), () -> {
      lease.check(req.getRun(), "RemoveNode " + req.getPort());
      RemoveNodeResponse r = locks.with(Requests.port(req.getPort()), () -> remover.remove(req.getPort(), req.getForce(),
          req.getReplicaCopy()));
      if (r.getChanged()) {
        log.info(req.getRun(), Integer.toString(req.getPort()), r.getDetail());
      }
      return r;
    });
  }

  @Override
  public void acquireLease(AcquireLeaseRequest req, StreamObserver<LeaseResponse> out) {
    respond(out, "AcquireLease", req.getRun(), () -> {
      LeaseResponse r = lease.acquire(req);
      if (r.hasBroken()) {
        log.warn(req.getRun(), "", "lease of " + LeaseStore.describe(r.getBroken()) + " BROKEN by "
            + req.getHolder() + " (--break-lock)");
      }
      log.info(req.getRun(), "", "lease taken by " + LeaseStore.describe(r.getLease()));
      return r;
    });
  }

  @Override
  public void renewLease(RenewLeaseRequest req, StreamObserver<LeaseResponse> out) {
    respond(out, "RenewLease", req.getRun(), () -> lease.renew(req.getRun(), req.getTtlMs()));
  }

  @Override
  public void releaseLease(ReleaseLeaseRequest req, StreamObserver<LeaseResponse> out) {
    respond(out, "ReleaseLease", req.getRun(), () -> {
      LeaseResponse r = lease.release(req.getRun());
      if (r.getChanged()) {
        log.info(req.getRun(), "", "lease released");
      }
      return r;
    });
  }

  @Override
  public void checkHost(CheckHostRequest req, StreamObserver<CheckHostResponse> out) {
    respond(out, "CheckHost", req.getRun(),
        () -> CheckHostResponse.newBuilder().addAllChecks(checker.check(req)).build());
  }

  @Override
  public void probeEndpoints(ProbeEndpointsRequest req, StreamObserver<ProbeEndpointsResponse> out) {
    respond(out, "ProbeEndpoints", req.getRun(), () -> {
      ProbeScope.of(req.getDeclaredNodesList(), ManagedPorts.list(config.confDir()), config.hostAddress())
          .check(req.getEndpointsList());
      return ProbeEndpointsResponse.newBuilder()
          .addAllProbes(prober.probe(req.getEndpointsList(), req.getTimeoutMs())).build();
    });
  }

  /**
   * Kept for old controllers: changes nothing. The settings ship in the package (ShippedSettings);
   * the hardened unit could not write /proc/sys or /etc/sysctl.d anyway.
   */
  @Override
  public void fixSysctl(FixSysctlRequest req, StreamObserver<FixSysctlResponse> out) {
    respond(out, "FixSysctl", req.getRun(), () -> FixSysctlResponse.newBuilder().setChanged(false)
        .setFile(ShippedSettings.SYSCTL_FILE).setNotSupported(ShippedSettings.NOT_SUPPORTED).build());
  }

  @Override
  public void migrateSlots(MigrateSlotsRequest req, StreamObserver<MigrateSlotsResponse> out) {
    respond(out, "MigrateSlots", req.getRun(), () -> {
      int port = Requests.port(req.getPort());
      var ranges = Requests.slotRanges(port, req.getRangesList());
      Requests.migrateLimits(port, req.getBatchKeys(), req.getTimeoutMs());
      var target = Requests.endpoint(port, "target", req.getTarget());
      lease.check(req.getRun(), "MigrateSlots " + port);
      var r = locks.with(port, () -> cluster.migrateSlots(port, target, ranges, req.getBatchKeys(), req.getTimeoutMs()));
      if (r.changed()) {
        log.info(req.getRun(), Integer.toString(port), r.detail());
      }
      return Responses.migration(r);
    });
  }

  @Override
  public void reportPlan(io.redisfleet.agent.v1.ReportPlanRequest req,
      StreamObserver<io.redisfleet.agent.v1.ReportPlanResponse> out) {
    respond(out, "ReportPlan", req.getRun(), () -> {
      if (req.getPendingSteps() < 0 || req.getProblems() < 0) {
        throw Requests.invalid("ReportPlan: pending_steps and problems must not be negative");
      }
      plans.record(java.time.Instant.now(), req);
      return io.redisfleet.agent.v1.ReportPlanResponse.getDefaultInstance();
    });
  }

  private void clusterOp(StreamObserver<ClusterOpResponse> out, String rpc, RunContext run, int port,
      PortLocks.Body<ClusterOpResponse> body) {
    respond(out, rpc, run, () -> {
      lease.check(run, rpc + " " + port);
      ClusterOpResponse r = locks.with(Requests.port(port), body);
      if (r.getChanged()) {
        log.info(run, Integer.toString(port), r.getDetail());
      }
      return r;
    });
  }

  /**
   * What is left of the current call's deadline, less a second for the answer to travel; a call
   * without a deadline (none of the controller's) gets a minute.
   */
  private static java.time.Duration budget() {
    io.grpc.Deadline deadline = io.grpc.Context.current().getDeadline();
    long ms = deadline == null ? 60_000 : deadline.timeRemaining(java.util.concurrent.TimeUnit.MILLISECONDS) - 1_000;
    return java.time.Duration.ofMillis(Math.max(0, ms));
  }

  /** Runs one RPC; the only place failures become statuses (and are logged, once). */
  private <T> void respond(StreamObserver<T> out, String rpc, RunContext run, PortLocks.Body<T> body) {
    try {
      T result = body.run();
      out.onNext(result);
      out.onCompleted();
    } catch (AgentException e) {
      log.warn(run, "", rpc + " failed: " + e.getMessage());
      out.onError(status(e.kind()).withDescription(rpc + ": " + e.getMessage()).asRuntimeException());
    } catch (RuntimeException e) {
      log.error(run, "", rpc + " failed unexpectedly", e);
      out.onError(Status.INTERNAL.withDescription(rpc + ": " + e).withCause(e).asRuntimeException());
    }
  }

  static Status status(AgentException.Kind kind) {
    return switch (kind) {
      case INVALID_REQUEST -> Status.INVALID_ARGUMENT;
      case NEEDS_OPERATOR -> Status.FAILED_PRECONDITION;
      case RETRYABLE -> Status.UNAVAILABLE;
      case FATAL -> Status.INTERNAL;
    };
  }

  /** Every node this agent manages, as ObserveNodes with no ports sees them (for the metrics endpoint). */
  public java.util.List<io.redisfleet.agent.v1.NodeState> observeAll() throws AgentException {
    return observer.observe(java.util.List.of());
  }

  /** The controller's last ReportPlan (for the metrics endpoint). */
  public io.redisfleet.agent.metrics.PlanReports plans() {
    return plans;
  }

  /** Drift of every managed node as the agent sees it alone (for the metrics endpoint). */
  public java.util.List<io.redisfleet.agent.node.NodeDrift.Finding> drift() throws AgentException {
    return drift.find();
  }

  /** The last ApplyNode's outcome (for the metrics endpoint). */
  public io.redisfleet.agent.metrics.ApplyRecord applies() {
    return applies;
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }
}
