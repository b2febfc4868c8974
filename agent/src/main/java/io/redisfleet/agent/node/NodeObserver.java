package io.redisfleet.agent.node;

import io.redisfleet.agent.AgentConfig;
import io.redisfleet.agent.AgentException;
import io.redisfleet.agent.AgentException.Kind;
import io.redisfleet.agent.fs.NodeLayout;
import io.redisfleet.agent.redis.NodeInfo;
import io.redisfleet.agent.redis.RedisAdmin;
import io.redisfleet.agent.server.ServerVersion;
import io.redisfleet.agent.server.StartRecord;
import io.redisfleet.agent.service.ServiceManager;
import io.redisfleet.agent.service.ServiceStatus;
import io.redisfleet.agent.v1.Endpoint;
import io.redisfleet.agent.v1.NodeState;
import java.nio.file.Files;
import io.redisfleet.agent.v1.ApplyNodeResponse;
import io.redisfleet.agent.v1.NodeSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * ObserveNodes: what each node is right now, and for each declared spec the controller sent, the
 * dry run of that spec. Nodes are observed in parallel, one connection each, so a host with many
 * nodes answers in about the time of its slowest node; a node's dry run runs in its observation's
 * task with the service state just read, so observation and drift cost one round for the host.
 */
public final class NodeObserver {

  /** A node's dry run given the service state just observed (ApplyNode with dry_run, under the port's lock). */
  @FunctionalInterface
  public interface Previewer {
    ApplyNodeResponse preview(NodeSpec spec, ServiceStatus status) throws AgentException;
  }

  private final AgentConfig config;
  private final ServiceManager services;
  private final RedisAdmin redis;
  private final ExecutorService pool;

  public NodeObserver(AgentConfig config, ServiceManager services, RedisAdmin redis, ExecutorService pool) {
    this.config = config;
    this.services = services;
    this.redis = redis;
    this.pool = pool;
  }

  public List<NodeState> observe(List<Integer> requested) throws AgentException {
    return observe(requested, List.of(), (spec, status) -> {
      throw new IllegalStateException("no preview asked");
    });
  }

  /** Observes the ports and dry-runs each of {@code previews} (one per port at most) with {@code previewer}. */
  public List<NodeState> observe(List<Integer> requested, List<NodeSpec> previews, Previewer previewer)
      throws AgentException {
    List<Integer> managed = ManagedPorts.list(config.confDir());
    List<Integer> ports = requested.isEmpty() ? managed : requested;
    Map<Integer, NodeSpec> specs = new HashMap<>();
    for (NodeSpec spec : previews) {
      if (!ports.contains(spec.getPort()) || specs.put(spec.getPort(), spec) != null) {
        throw new AgentException(Kind.INVALID_REQUEST, "node " + spec.getPort()
            + ": a preview must name a port observed, once (ports " + ports + ")");
      }
    }
    // one question to the service manager for all the nodes (one systemctl process on a host)
    Map<Integer, ServiceStatus> statuses = services.statuses(ports.stream().map(config::node).toList());
    List<Future<NodeState>> futures = new ArrayList<>();
    for (int port : ports) {
      NodeSpec spec = specs.get(port);
      futures.add(pool.submit(() -> {
        ServiceStatus status = statuses.get(port);
        NodeState state = observe(port, managed.contains(port), status);
        return spec == null ? state : state.toBuilder().setPreview(previewer.preview(spec, status)).build();
      }));
    }
    List<NodeState> states = new ArrayList<>();
    for (int i = 0; i < futures.size(); i++) {
      try {
        states.add(futures.get(i).get());
      } catch (ExecutionException e) {
        if (e.getCause() instanceof AgentException failed) {
          // a dry run's own failure keeps its kind (a refused spec is the caller's to fix, not retried)
          throw new AgentException(failed.kind(), "node " + ports.get(i) + ": " + failed.getMessage(), failed);
        }
        throw new AgentException(Kind.FATAL, "node " + ports.get(i) + ": observe: " + e.getCause(), e.getCause());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AgentException(Kind.RETRYABLE, "observe: interrupted", e);
      }
    }
    return states;
  }

  /**
   * After a failed background save Redis refuses writes (MISCONF) only with
   * stop-writes-on-bgsave-error yes and some save point; INFO does not say which.
   */
  private boolean bgsaveErrorAllowsWrites(int port) {
    try {
      java.util.Map<String, String> c = redis.configGet(port, List.of("stop-writes-on-bgsave-error", "save"));
      return "no".equals(c.get("stop-writes-on-bgsave-error")) || "".equals(c.getOrDefault("save", "x").strip());
    } catch (AgentException e) {
      return false; // unknown: reported as refusing, the safe side for a health check
    }
  }

  private NodeState observe(int port, boolean managed, ServiceStatus status) throws AgentException {
    NodeLayout node = config.node(port);
    NodeState.Builder out = NodeState.newBuilder().setPort(port).setManaged(managed)
        .setRunning(status.running()).setPid(status.pid())
        .setClusterConfigPresent(Files.exists(node.clusterConfigFile()));
    if (managed && !status.running()) {
      return out.setError("not running").build();
    }
    try {
      RedisAdmin.Snapshot snap = redis.snapshot(port);
      NodeInfo info = snap.info();
      out.setProcessId(info.processId());
      if (managed && status.pid() > 0 && info.processId() > 0 && info.processId() != status.pid()) {
        // Another redis-server holds the port (started by hand, or left over): its role, keys and
        // replicas are not this node's, and nothing may be pointed at it as if it were.
        return out.setError("port " + port + " is answered by redis-server pid " + info.processId()
            + ", not by this node (pid " + status.pid() + ")").build();
      }
      out.setReachable(true).setRole(info.role()).setMasterLinkStatus(info.masterLinkStatus())
          .setNodeRole(io.redisfleet.contract.WireEnums.role(info.role()))
          .setMasterLink(io.redisfleet.contract.WireEnums.masterLink(info.role(), info.masterLinkStatus()))
          .setReplOffset(info.replOffset()).setKeys(info.keys()).setRedisVersion(info.redisVersion())
          .setClusterEnabled(info.clusterEnabled()).setUsedMemory(info.usedMemory())
          .setUptimeSeconds(info.uptimeSeconds()).setRunId(info.runId())
          .setRdbLastBgsaveStatus(info.writes().rdbLastBgsaveStatus())
          .setAofLastWriteStatus(info.writes().aofLastWriteStatus())
          .setAofLastBgrewriteStatus(info.writes().aofLastBgrewriteStatus())
          .setMaxmemory(info.writes().maxmemory()).setMaxmemoryPolicy(info.writes().maxmemoryPolicy());
      ServerVersion server = StartRecord.running(node, info.runId(), info.server());
      out.setEngine(server.engine()).setServerVersion(server.version());
      if ("err".equals(info.writes().rdbLastBgsaveStatus())) {
        out.setBgsaveErrorAllowsWrites(bgsaveErrorAllowsWrites(port));
      }
      out.setMasterReplid(info.replId()).setMasterReplid2(info.replId2());
      if (!info.isReplica() && !info.clusterEnabled()) {
        try {
          out.setWritesFenced(WriteFence.fenced(redis, port));
        } catch (AgentException e) {
          // unknown: reported as not fenced; the planner then sees two masters holding keys and refuses
        }
      }
      if (info.isReplica()) {
        out.setMaster(Endpoint.newBuilder().setHost(info.masterHost()).setPort(info.masterPort()));
      }
      snap.cluster().ifPresent(c -> out.setCluster(io.redisfleet.agent.Responses.view(c)));
    } catch (AgentException e) {
      out.setError(e.getMessage());
    }
    return out.build();
  }
}
