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
import io.redisfleet.controller.model.ObservedNode;
import io.redisfleet.controller.model.PasswordPhase;
import io.redisfleet.controller.model.SlotRange;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/** A recording fake agent: every call goes to a shared log; chosen ports fail; observe is scripted. */
final class FakeAgent implements AgentClient {

  private static final AgentReply CHANGED = new AgentReply(true, "");

  private final String host;
  private final List<String> log;
  final Set<Integer> failing = new HashSet<>();
  /** What observe answers for a port: by default a node that is not there. */
  Function<Integer, ObservedNode> states;

  FakeAgent(String host, List<String> log) {
    this.host = host;
    this.log = log;
    this.states = port -> Observed.at(host, port).node();
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
  public AgentFacts facts() {
    return AgentFacts.UNKNOWN;
  }

  @Override
  public ConfDrift preview(DesiredNode node, Optional<Endpoint> replicaOf) throws AgentCallException {
    record("preview", node.ref().port());
    return ConfDrift.none();
  }

  @Override
  public AgentReply applyNode(DesiredNode node, Optional<Endpoint> replicaOf) throws AgentCallException {
    record("apply-node", node.ref().port());
    return new AgentReply(true, "started");
  }

  @Override
  public AgentReply restartNode(DesiredNode node, Optional<Endpoint> replicaOf) throws AgentCallException {
    record("restart-node", node.ref().port());
    return new AgentReply(true, "restarted");
  }

  @Override
  public AgentReply rotatePassword(DesiredNode node, PasswordPhase phase) throws AgentCallException {
    record("apply-node", node.ref().port());
    return new AgentReply(true, "password phase " + phase);
  }

  @Override
  public List<NodeReport> observe(List<Integer> ports) {
    return ports.stream().map(p -> new NodeReport(states.apply(p), Optional.empty())).toList();
  }

  @Override
  public AgentReply setConfigEpoch(int port, long epoch) throws AgentCallException {
    record("set-config-epoch", port);
    return CHANGED;
  }

  @Override
  public AgentReply meet(int port, Endpoint target, String expectedId) throws AgentCallException {
    record("meet", port);
    return CHANGED;
  }

  @Override
  public AgentReply addSlots(int port, List<SlotRange> ranges) throws AgentCallException {
    record("add-slots", port);
    return CHANGED;
  }

  @Override
  public AgentReply forget(int port, String nodeId) throws AgentCallException {
    record("forget", port);
    return CHANGED;
  }

  @Override
  public AgentReply reset(int port) throws AgentCallException {
    record("reset", port);
    return CHANGED;
  }

  @Override
  public AgentReply replicate(int port, String masterId) throws AgentCallException {
    record("replicate", port);
    return CHANGED;
  }

  @Override
  public AgentReply migrateSlots(int port, Endpoint target,
      List<io.redisfleet.controller.model.SlotRange> ranges) throws AgentCallException {
    record("migrate-slots", port);
    return new AgentReply(true, ranges.stream().mapToInt(SlotRange::size).sum() + " slots moved");
  }

  @Override
  public AgentReply failover(int port, FailoverMode mode) throws AgentCallException {
    record("failover", port);
    return CHANGED;
  }

  @Override
  public AgentReply replicaOf(int port, Optional<Endpoint> master) throws AgentCallException {
    record("replicaof", port);
    return CHANGED;
  }

  @Override
  public AgentReply removeReplica(int port) throws AgentCallException {
    record("remove-replica", port);
    return CHANGED;
  }

  @Override
  public AgentReply fenceWrites(int port, io.redisfleet.controller.model.Endpoint to, java.time.Duration timeout)
      throws AgentCallException {
    record("fence-writes", port);
    return CHANGED;
  }

  @Override
  public AgentReply liftFence(int port) throws AgentCallException {
    record("lift-fence", port);
    return CHANGED;
  }

  @Override
  public AgentReply failoverTo(int port, io.redisfleet.controller.model.Endpoint to, java.time.Duration timeout)
      throws AgentCallException {
    record("failover-to", port);
    return CHANGED;
  }

  @Override
  public AgentReply remove(int port, boolean force) throws AgentCallException {
    record("remove-node", port);
    return CHANGED;
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
