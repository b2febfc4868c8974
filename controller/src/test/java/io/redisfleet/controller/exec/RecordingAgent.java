package io.redisfleet.controller.exec;

import io.redisfleet.agent.v1.ApplyNodeResponse;
import io.redisfleet.agent.v1.ClusterOpResponse;
import io.redisfleet.agent.v1.HostFacts;
import io.redisfleet.agent.v1.NodeSpec;
import io.redisfleet.agent.v1.NodeState;
import io.redisfleet.agent.v1.RemoveNodeResponse;
import io.redisfleet.controller.agentclient.AgentCallException;
import io.redisfleet.controller.agentclient.AgentClient;
import io.redisfleet.controller.model.Endpoint;
import io.redisfleet.controller.model.SlotRange;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/** A fake agent that records every call in order and fails the calls it is told to. */
final class RecordingAgent implements AgentClient {

  final List<String> calls;
  private final String host;
  private final Set<String> failing;

  RecordingAgent(String host, List<String> calls, Set<String> failing) {
    this.host = host;
    this.calls = calls;
    this.failing = failing;
  }

  static List<String> journal() {
    return new CopyOnWriteArrayList<>();
  }

  private void record(String call) throws AgentCallException {
    calls.add(host + " " + call);
    if (failing.contains(call)) {
      throw new AgentCallException(host, call, "FAILED_PRECONDITION: told to fail", false, null);
    }
  }

  @Override
  public String host() {
    return host;
  }

  @Override
  public HostFacts facts() throws AgentCallException {
    record("facts");
    return HostFacts.getDefaultInstance();
  }

  @Override
  public ApplyNodeResponse applyNode(NodeSpec spec, boolean dryRun) throws AgentCallException {
    record((dryRun ? "preview " : "apply ") + spec.getPort());
    return ApplyNodeResponse.newBuilder().setPort(spec.getPort()).setChanged(true).setDetail("started").build();
  }

  @Override
  public ApplyNodeResponse restartNode(NodeSpec spec) throws AgentCallException {
    record("restart " + spec.getPort());
    return ApplyNodeResponse.newBuilder().setPort(spec.getPort()).setChanged(true).setDetail("restarted").build();
  }

  @Override
  public List<NodeState> observe(List<Integer> ports) throws AgentCallException {
    record("observe " + ports);
    return ports.stream().map(p -> NodeState.newBuilder().setPort(p).setManaged(true).setRunning(true).setReachable(true)
        .setRole("replica").setMasterLinkStatus("up").build()).toList();
  }

  @Override
  public ClusterOpResponse setConfigEpoch(int port, long epoch) throws AgentCallException {
    record("epoch " + port);
    return ClusterOpResponse.newBuilder().setChanged(true).build();
  }

  @Override
  public ClusterOpResponse meet(int port, Endpoint target, String expectedId) throws AgentCallException {
    record("meet " + port + " " + target);
    return ClusterOpResponse.newBuilder().setChanged(true).build();
  }

  @Override
  public ClusterOpResponse addSlots(int port, List<SlotRange> ranges) throws AgentCallException {
    record("addslots " + port);
    return ClusterOpResponse.newBuilder().setChanged(true).build();
  }

  @Override
  public ClusterOpResponse forget(int port, String nodeId) throws AgentCallException {
    record("forget " + port + " " + nodeId);
    return ClusterOpResponse.newBuilder().setChanged(true).build();
  }

  @Override
  public ClusterOpResponse reset(int port) throws AgentCallException {
    record("reset " + port);
    return ClusterOpResponse.newBuilder().setChanged(true).build();
  }

  @Override
  public ClusterOpResponse replicate(int port, String masterId) throws AgentCallException {
    record("replicate " + port);
    return ClusterOpResponse.newBuilder().setChanged(true).build();
  }

  @Override
  public io.redisfleet.agent.v1.MigrateSlotsResponse migrateSlots(int port, Endpoint target,
      List<io.redisfleet.controller.model.SlotRange> ranges) throws AgentCallException {
    record("migrate-slots " + port + " " + target + " " + ranges);
    return io.redisfleet.agent.v1.MigrateSlotsResponse.newBuilder().setChanged(true)
        .setSlotsMoved(ranges.stream().mapToInt(io.redisfleet.controller.model.SlotRange::size).sum()).build();
  }

  @Override
  public ClusterOpResponse failover(int port, String mode) throws AgentCallException {
    record("failover " + port);
    return ClusterOpResponse.newBuilder().setChanged(true).build();
  }

  @Override
  public ClusterOpResponse replicaOf(int port, Optional<Endpoint> master) throws AgentCallException {
    record("replicaof " + port);
    return ClusterOpResponse.newBuilder().setChanged(true).build();
  }

  @Override
  public RemoveNodeResponse removeReplica(int port) throws AgentCallException {
    record("remove-replica " + port);
    return RemoveNodeResponse.newBuilder().setChanged(true).build();
  }

  @Override
  public ClusterOpResponse failoverTo(int port, io.redisfleet.controller.model.Endpoint to, java.time.Duration timeout)
      throws AgentCallException {
    record("failover-to " + port + " " + to);
    return ClusterOpResponse.newBuilder().setChanged(true).build();
  }

  @Override
  public RemoveNodeResponse remove(int port, boolean force) throws AgentCallException {
    record("remove " + port);
    return RemoveNodeResponse.newBuilder().setChanged(true).build();
  }

  @Override
  public io.redisfleet.controller.model.LeaseOutcome acquireLease(io.redisfleet.controller.model.Lease claim, Duration ttl, boolean breakLock,
      String takeOverRunId) throws AgentCallException {
    record("acquire-lease");
    return new io.redisfleet.controller.model.LeaseOutcome(true, java.util.Optional.empty(), java.util.Optional.empty());
  }

  @Override
  public io.redisfleet.controller.model.LeaseOutcome renewLease(Duration ttl) throws AgentCallException {
    record("renew-lease");
    return new io.redisfleet.controller.model.LeaseOutcome(true, java.util.Optional.empty(), java.util.Optional.empty());
  }

  @Override
  public io.redisfleet.controller.model.LeaseOutcome releaseLease() throws AgentCallException {
    record("release-lease");
    return new io.redisfleet.controller.model.LeaseOutcome(true, java.util.Optional.empty(), java.util.Optional.empty());
  }

  @Override
  public List<io.redisfleet.controller.model.HostCheck> checkHost(int tcpBacklog) throws AgentCallException {
    record("check-host");
    return List.of();
  }

  @Override
  public List<io.redisfleet.controller.model.EndpointProbe> probe(List<Endpoint> endpoints, List<io.redisfleet.controller.model.ProbeNode> declared, Duration timeout) throws AgentCallException {
    record("probe " + endpoints.size());
    return List.of();
  }
}
