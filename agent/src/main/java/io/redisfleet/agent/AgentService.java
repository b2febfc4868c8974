package io.redisfleet.agent;

import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import io.redisfleet.agent.node.ClusterOps;
import io.redisfleet.agent.node.HostFactsReader;
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
import io.redisfleet.agent.v1.ClusterReplicateRequest;
import io.redisfleet.agent.v1.FailoverRequest;
import io.redisfleet.agent.v1.GetHostFactsRequest;
import io.redisfleet.agent.v1.HostFacts;
import io.redisfleet.agent.v1.ObserveNodesRequest;
import io.redisfleet.agent.v1.ObserveNodesResponse;
import io.redisfleet.agent.v1.RemoveNodeRequest;
import io.redisfleet.agent.v1.RemoveNodeResponse;
import io.redisfleet.agent.v1.ReplicaOfRequest;
import io.redisfleet.agent.v1.RunContext;
import io.redisfleet.agent.v1.SetConfigEpochRequest;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gRPC edge of the agent: validates each request, runs it under the node's lock, logs a
 * change once, and maps {@link AgentException} kinds to status codes. All behaviour lives in
 * the node package.
 */
public final class AgentService extends AgentGrpc.AgentImplBase implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(AgentService.class);

  private final NodeApplier applier;
  private final NodeObserver observer;
  private final ClusterOps cluster;
  private final NodeRemover remover;
  private final HostFactsReader facts;
  private final ExecutorService pool;
  private final PortLocks locks = new PortLocks();

  public AgentService(AgentConfig config, ServiceManager services, RedisAdmin redis) {
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
  }

  /** The production wiring: the backend the config asks for, Jedis to the local nodes. */
  public static AgentService create(AgentConfig config) {
    return new AgentService(config, ServiceManagers.choose(config), new JedisRedisAdmin(new io.redisfleet.agent.conf.ConfCredentials(config)));
  }

  @Override
  public void getHostFacts(GetHostFactsRequest req, StreamObserver<HostFacts> out) {
    respond(out, "GetHostFacts", req.getRun(), facts::read);
  }

  @Override
  public void applyNode(ApplyNodeRequest req, StreamObserver<ApplyNodeResponse> out) {
    respond(out, "ApplyNode", req.getRun(), () -> {
      Requests.spec(req.getSpec());
      ApplyNodeResponse r = locks.with(req.getSpec().getPort(), () -> applier.apply(req.getSpec(), req.getDryRun()));
      if (r.getChanged() && !req.getDryRun()) {
        LOG.info("{}node {}: {} (reasons {}, directives {}, pid {})", tag(req.getRun()), r.getPort(),
            r.getDetail(), r.getReasonsList(), r.getChangedDirectivesList(), r.getPid());
      }
      return r;
    });
  }

  @Override
  public void observeNodes(ObserveNodesRequest req, StreamObserver<ObserveNodesResponse> out) {
    respond(out, "ObserveNodes", req.getRun(), () -> {
      Requests.ports(req.getPortsList());
      return ObserveNodesResponse.newBuilder().addAllNodes(observer.observe(req.getPortsList())).build();
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
        () -> cluster.meet(req.getPort(), Requests.endpoint(req.getPort(), "target", req.getTarget())));
  }

  @Override
  public void addSlots(AddSlotsRequest req, StreamObserver<ClusterOpResponse> out) {
    clusterOp(out, "AddSlots", req.getRun(), req.getPort(), () -> {
      Requests.slotRanges(req.getPort(), req.getRangesList());
      return cluster.addSlots(req.getPort(), req.getRangesList());
    });
  }

  @Override
  public void clusterReplicate(ClusterReplicateRequest req, StreamObserver<ClusterOpResponse> out) {
    clusterOp(out, "ClusterReplicate", req.getRun(), req.getPort(),
        () -> cluster.replicate(req.getPort(), Requests.nodeId(req.getPort(), req.getMasterId())));
  }

  @Override
  public void replicaOf(ReplicaOfRequest req, StreamObserver<ClusterOpResponse> out) {
    clusterOp(out, "ReplicaOf", req.getRun(), req.getPort(), () -> cluster.replicaOf(req.getPort(),
        req.hasMaster() ? Optional.of(Requests.endpoint(req.getPort(), "master", req.getMaster())) : Optional.empty()));
  }

  @Override
  public void failover(FailoverRequest req, StreamObserver<ClusterOpResponse> out) {
    clusterOp(out, "Failover", req.getRun(), req.getPort(),
        () -> cluster.failover(req.getPort(), Requests.failoverMode(req.getPort(), req.getMode())));
  }

  @Override
  public void removeNode(RemoveNodeRequest req, StreamObserver<RemoveNodeResponse> out) {
    respond(out, "RemoveNode", req.getRun(), () -> {
      RemoveNodeResponse r = locks.with(Requests.port(req.getPort()), () -> remover.remove(req.getPort(), req.getForce()));
      if (r.getChanged()) {
        LOG.info("{}node {}: {}", tag(req.getRun()), req.getPort(), r.getDetail());
      }
      return r;
    });
  }

  private void clusterOp(StreamObserver<ClusterOpResponse> out, String rpc, RunContext run, int port,
      PortLocks.Body<ClusterOpResponse> body) {
    respond(out, rpc, run, () -> {
      ClusterOpResponse r = locks.with(Requests.port(port), body);
      if (r.getChanged()) {
        LOG.info("{}node {}: {}", tag(run), port, r.getDetail());
      }
      return r;
    });
  }

  /** Runs one RPC; the only place failures become statuses (and are logged, once). */
  private static <T> void respond(StreamObserver<T> out, String rpc, RunContext run, PortLocks.Body<T> body) {
    try {
      T result = body.run();
      out.onNext(result);
      out.onCompleted();
    } catch (AgentException e) {
      LOG.warn("{}{} failed: {}", tag(run), rpc, e.getMessage());
      out.onError(status(e.kind()).withDescription(rpc + ": " + e.getMessage()).asRuntimeException());
    } catch (RuntimeException e) {
      LOG.error("{}{} failed unexpectedly", tag(run), rpc, e);
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

  private static String tag(RunContext run) {
    return run.getRunId().isEmpty() ? "" : "[run " + run.getRunId() + " " + run.getStep() + "] ";
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }
}
