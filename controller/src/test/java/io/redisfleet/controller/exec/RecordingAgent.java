package io.redisfleet.controller.exec;

import io.redisfleet.controller.agentclient.AgentCallException;
import io.redisfleet.controller.agentclient.AgentClient;
import io.redisfleet.controller.model.AgentFacts;
import io.redisfleet.controller.model.AgentReply;
import io.redisfleet.controller.model.ConfDrift;
import io.redisfleet.controller.model.DesiredNode;
import io.redisfleet.controller.model.Endpoint;
import io.redisfleet.controller.model.FailoverMode;
import io.redisfleet.controller.model.NodeReport;
import io.redisfleet.controller.model.Role;
import io.redisfleet.controller.model.PasswordPhase;
import io.redisfleet.controller.model.SlotRange;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/** A fake agent that records every call in order and fails the calls it is told to. */
final class RecordingAgent implements AgentClient {

  private static final AgentReply CHANGED = new AgentReply(true, "");

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
  public AgentFacts facts() throws AgentCallException {
    record("facts");
    return AgentFacts.UNKNOWN;
  }

  @Override
  public ConfDrift preview(DesiredNode node, Optional<Endpoint> replicaOf) throws AgentCallException {
    record("preview " + node.ref().port());
    return ConfDrift.none();
  }

  @Override
  public AgentReply applyNode(DesiredNode node, Optional<Endpoint> replicaOf) throws AgentCallException {
    record("apply " + node.ref().port());
    return new AgentReply(true, "started");
  }

  @Override
  public AgentReply restartNode(DesiredNode node, Optional<Endpoint> replicaOf) throws AgentCallException {
    record("restart " + node.ref().port());
    return new AgentReply(true, "restarted");
  }

  @Override
  public AgentReply rotatePassword(DesiredNode node, PasswordPhase phase) throws AgentCallException {
    record("apply " + node.ref().port());
    return new AgentReply(true, "password phase " + phase);
  }

  @Override
  public List<NodeReport> observe(List<Integer> ports) throws AgentCallException {
    record("observe " + ports);
    return ports.stream().map(p -> new NodeReport(Observed.live(host, p).role(Role.REPLICA).linkUp().node(),
        Optional.empty())).toList();
  }

  @Override
  public AgentReply setConfigEpoch(int port, long epoch) throws AgentCallException {
    record("epoch " + port);
    return CHANGED;
  }

  @Override
  public AgentReply meet(int port, Endpoint target, String expectedId) throws AgentCallException {
    record("meet " + port + " " + target);
    return CHANGED;
  }

  @Override
  public AgentReply addSlots(int port, List<SlotRange> ranges) throws AgentCallException {
    record("addslots " + port);
    return CHANGED;
  }

  @Override
  public AgentReply forget(int port, String nodeId) throws AgentCallException {
    record("forget " + port + " " + nodeId);
    return CHANGED;
  }

  @Override
  public AgentReply reset(int port) throws AgentCallException {
    record("reset " + port);
    return CHANGED;
  }

  @Override
  public AgentReply replicate(int port, String masterId) throws AgentCallException {
    record("replicate " + port);
    return CHANGED;
  }

  @Override
  public AgentReply migrateSlots(int port, Endpoint target,
      List<io.redisfleet.controller.model.SlotRange> ranges) throws AgentCallException {
    record("migrate-slots " + port + " " + target + " " + ranges);
    return new AgentReply(true, ranges.stream().mapToInt(SlotRange::size).sum() + " slots moved");
  }

  @Override
  public AgentReply failover(int port, FailoverMode mode) throws AgentCallException {
    record("failover " + port);
    return CHANGED;
  }

  @Override
  public AgentReply replicaOf(int port, Optional<Endpoint> master) throws AgentCallException {
    record("replicaof " + port);
    return CHANGED;
  }

  @Override
  public AgentReply removeReplica(int port) throws AgentCallException {
    record("remove-replica " + port);
    return CHANGED;
  }

  @Override
  public AgentReply fenceWrites(int port, io.redisfleet.controller.model.Endpoint to, java.time.Duration timeout)
      throws AgentCallException {
    record("fence-writes " + port + " " + to);
    return CHANGED;
  }

  @Override
  public AgentReply liftFence(int port) throws AgentCallException {
    record("lift-fence " + port);
    return CHANGED;
  }

  @Override
  public AgentReply failoverTo(int port, io.redisfleet.controller.model.Endpoint to, java.time.Duration timeout)
      throws AgentCallException {
    record("failover-to " + port + " " + to);
    return CHANGED;
  }

  @Override
  public AgentReply remove(int port, boolean force) throws AgentCallException {
    record("remove " + port);
    return CHANGED;
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
