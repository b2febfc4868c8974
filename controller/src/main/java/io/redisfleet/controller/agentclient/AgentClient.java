package io.redisfleet.controller.agentclient;

import io.redisfleet.agent.v1.ApplyNodeResponse;
import io.redisfleet.agent.v1.ClusterOpResponse;
import io.redisfleet.agent.v1.MigrateSlotsResponse;
import io.redisfleet.agent.v1.HostFacts;
import io.redisfleet.agent.v1.NodeSpec;
import io.redisfleet.agent.v1.NodeState;
import io.redisfleet.agent.v1.RemoveNodeResponse;
import io.redisfleet.controller.model.Endpoint;
import io.redisfleet.controller.model.EndpointProbe;
import io.redisfleet.controller.model.HostCheck;
import io.redisfleet.controller.model.ProbeNode;
import io.redisfleet.controller.model.Lease;
import io.redisfleet.controller.model.LeaseOutcome;
import io.redisfleet.controller.model.SlotRange;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The port through which the controller talks to one host's agent. The gRPC adapter adds
 * deadlines and retries; tests use a recording fake.
 */
public interface AgentClient {

  /** The inventory name of the host this client talks to. */
  String host();

  HostFacts facts() throws AgentCallException;

  ApplyNodeResponse applyNode(NodeSpec spec, boolean dryRun) throws AgentCallException;

  /** ApplyNode that also restarts a running node whose conf is unchanged (an upgrade, a rolling restart). */
  ApplyNodeResponse restartNode(NodeSpec spec) throws AgentCallException;

  /** Observes the given ports (empty: every node the agent manages). */
  List<NodeState> observe(List<Integer> ports) throws AgentCallException;

  ClusterOpResponse setConfigEpoch(int port, long epoch) throws AgentCallException;

  /**
   * CLUSTER MEET of {@code target} through the local node {@code port}, skipped only when the node
   * already knows {@code expectedId}, the id the target answers with now (a node replaced empty has
   * a new id at its old address); "" when not known: then an entry at the address counts.
   */
  ClusterOpResponse meet(int port, Endpoint target, String expectedId) throws AgentCallException;

  ClusterOpResponse addSlots(int port, List<SlotRange> ranges) throws AgentCallException;

  ClusterOpResponse replicate(int port, String masterId) throws AgentCallException;

  ClusterOpResponse replicaOf(int port, Optional<Endpoint> master) throws AgentCallException;

  /** CLUSTER FAILOVER on a replica ("" coordinated, "FORCE" or "TAKEOVER"). */
  ClusterOpResponse failover(int port, String mode) throws AgentCallException;

  /** Moves the slots from the local master {@code port} to the master at {@code target} (MIGRATE). */
  MigrateSlotsResponse migrateSlots(int port, Endpoint target, List<SlotRange> ranges) throws AgentCallException;

  RemoveNodeResponse remove(int port, boolean force) throws AgentCallException;

  /** Removes a node whose keys are a copy: the agent checks, right before, that it is a replica with its link up. */
  RemoveNodeResponse removeReplica(int port) throws AgentCallException;

  /** FAILOVER TO on a replication group's master: a coordinated handover of its role to the replica at {@code to}. */
  ClusterOpResponse failoverTo(int port, Endpoint to, Duration timeout) throws AgentCallException;

  /** CLUSTER FORGET nodeId on the local node {@code port}; unchanged when it does not know it. */
  ClusterOpResponse forget(int port, String nodeId) throws AgentCallException;

  /** CLUSTER RESET SOFT on a local node leaving its cluster; refused on a master holding keys. */
  ClusterOpResponse reset(int port) throws AgentCallException;

  /**
   * Tells the agent the last plan as it concerns its host (for its metrics): one attempt, a short
   * deadline, no retry. Clients without it (test fakes) do nothing.
   */
  default void reportPlan(io.redisfleet.agent.v1.ReportPlanRequest report) throws AgentCallException {}

  /** Takes the fleet lease on this host for this run (see the agent contract). */
  default LeaseOutcome acquireLease(String holder, Duration ttl, boolean breakLock) throws AgentCallException {
    return acquireLease(Lease.claim(holder), ttl, breakLock, "");
  }

  /**
   * Takes the fleet lease for this run as {@code claim} (holder, host id, pid, process start);
   * {@code takeOverRunId}, when not empty, takes it over from that run, whose process the caller
   * found gone on its own host.
   */
  LeaseOutcome acquireLease(Lease claim, Duration ttl, boolean breakLock, String takeOverRunId)
      throws AgentCallException;

  LeaseOutcome renewLease(Duration ttl) throws AgentCallException;

  LeaseOutcome releaseLease() throws AgentCallException;

  /** Preflight of the host's settings; {@code tcpBacklog} is the highest of its nodes. */
  List<HostCheck> checkHost(int tcpBacklog) throws AgentCallException;

  /**
   * TCP connects from this host to each endpoint; each must be the port or the bus port of a
   * declared node (or of one of the agent's own nodes), else the agent refuses the request.
   */
  List<EndpointProbe> probe(List<Endpoint> endpoints, List<ProbeNode> declared, Duration timeout)
      throws AgentCallException;

  /** This client with the plan step named in every request, so agent logs say which step. */
  default AgentClient forStep(String step) {
    return this;
  }
}
