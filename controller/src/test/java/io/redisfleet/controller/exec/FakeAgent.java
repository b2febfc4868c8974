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
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/** A recording fake agent: every call goes to a shared log; chosen ports fail; observe is scripted. */
final class FakeAgent implements AgentClient {

  private final String host;
  private final List<String> log;
  final Set<Integer> failing = new HashSet<>();
  Function<Integer, NodeState> states = port -> NodeState.newBuilder().setPort(port).build();

  FakeAgent(String host, List<String> log) {
    this.host = host;
    this.log = log;
  }

  @Override
  public String host() {
    return host;
  }

  private void record(String call, int port) throws AgentCallException {
    synchronized (log) {
      log.add(host + ":" + port + " " + call);
    }
    if (failing.contains(port)) {
      throw new AgentCallException(host, call + " " + port, "FAILED_PRECONDITION: port in use", false, null);
    }
  }

  @Override
  public HostFacts facts() {
    return HostFacts.getDefaultInstance();
  }

  @Override
  public ApplyNodeResponse applyNode(NodeSpec spec, boolean dryRun) throws AgentCallException {
    record("apply-node", spec.getPort());
    return ApplyNodeResponse.newBuilder().setPort(spec.getPort()).setChanged(true).setDetail("started").build();
  }

  @Override
  public ApplyNodeResponse restartNode(NodeSpec spec) throws AgentCallException {
    record("restart-node", spec.getPort());
    return ApplyNodeResponse.newBuilder().setPort(spec.getPort()).setChanged(true).setDetail("restarted").build();
  }

  @Override
  public List<NodeState> observe(List<Integer> ports) {
    return ports.stream().map(states).toList();
  }

  @Override
  public ClusterOpResponse setConfigEpoch(int port, long epoch) throws AgentCallException {
    record("set-config-epoch", port);
    return ClusterOpResponse.newBuilder().setChanged(true).build();
  }

  @Override
  public ClusterOpResponse meet(int port, Endpoint target, String expectedId) throws AgentCallException {
    record("meet", port);
    return ClusterOpResponse.newBuilder().setChanged(true).build();
  }

  @Override
  public ClusterOpResponse addSlots(int port, List<SlotRange> ranges) throws AgentCallException {
    record("add-slots", port);
    return ClusterOpResponse.newBuilder().setChanged(true).build();
  }

  @Override
  public ClusterOpResponse forget(int port, String nodeId) throws AgentCallException {
    record("forget", port);
    return ClusterOpResponse.newBuilder().setChanged(true).build();
  }

  @Override
  public ClusterOpResponse reset(int port) throws AgentCallException {
    record("reset", port);
    return ClusterOpResponse.newBuilder().setChanged(true).build();
  }

  @Override
  public ClusterOpResponse replicate(int port, String masterId) throws AgentCallException {
    record("replicate", port);
    return ClusterOpResponse.newBuilder().setChanged(true).build();
  }

  @Override
  public io.redisfleet.agent.v1.MigrateSlotsResponse migrateSlots(int port, Endpoint target,
      List<io.redisfleet.controller.model.SlotRange> ranges) throws AgentCallException {
    record("migrate-slots", port);
    return io.redisfleet.agent.v1.MigrateSlotsResponse.newBuilder().setChanged(true)
        .setSlotsMoved(ranges.stream().mapToInt(io.redisfleet.controller.model.SlotRange::size).sum()).build();
  }

  @Override
  public ClusterOpResponse failover(int port, String mode) throws AgentCallException {
    record("failover", port);
    return ClusterOpResponse.newBuilder().setChanged(true).build();
  }

  @Override
  public ClusterOpResponse replicaOf(int port, Optional<Endpoint> master) throws AgentCallException {
    record("replicaof", port);
    return ClusterOpResponse.newBuilder().setChanged(true).build();
  }

  @Override
  public RemoveNodeResponse removeReplica(int port) throws AgentCallException {
    record("remove-replica", port);
    return RemoveNodeResponse.newBuilder().setChanged(true).build();
  }

  @Override
  public ClusterOpResponse failoverTo(int port, io.redisfleet.controller.model.Endpoint to, java.time.Duration timeout)
      throws AgentCallException {
    record("failover-to", port);
    return ClusterOpResponse.newBuilder().setChanged(true).build();
  }

  @Override
  public RemoveNodeResponse remove(int port, boolean force) throws AgentCallException {
    record("remove-node", port);
    return RemoveNodeResponse.newBuilder().setChanged(true).build();
  }

  @Override
  public io.redisfleet.controller.model.LeaseOutcome acquireLease(io.redisfleet.controller.model.Lease claim, Duration ttl, boolean breakLock,
      String takeOverRunId) {
    return io.redisfleet.controller.model.LeaseOutcome.NONE;
  }

  @Override
  public io.redisfleet.controller.model.LeaseOutcome renewLease(Duration ttl) {
    return io.redisfleet.controller.model.LeaseOutcome.NONE;
  }

  @Override
  public io.redisfleet.controller.model.LeaseOutcome releaseLease() {
    return io.redisfleet.controller.model.LeaseOutcome.NONE;
  }

  @Override
  public List<io.redisfleet.controller.model.HostCheck> checkHost(int tcpBacklog) {
    return List.of();
  }

  @Override
  public List<io.redisfleet.controller.model.EndpointProbe> probe(List<Endpoint> endpoints, List<io.redisfleet.controller.model.ProbeNode> declared, Duration timeout) {
    return List.of();
  }
}
