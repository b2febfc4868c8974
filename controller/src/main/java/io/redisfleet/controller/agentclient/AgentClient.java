package io.redisfleet.controller.agentclient;

import io.redisfleet.controller.model.AgentFacts;
import io.redisfleet.controller.model.AgentReply;
import io.redisfleet.controller.model.ConfDrift;
import io.redisfleet.controller.model.DesiredNode;
import io.redisfleet.controller.model.Endpoint;
import io.redisfleet.controller.model.EndpointProbe;
import io.redisfleet.controller.model.FailoverMode;
import io.redisfleet.controller.model.HostCheck;
import io.redisfleet.controller.model.ProbeNode;
import io.redisfleet.controller.model.Lease;
import io.redisfleet.controller.model.LeaseOutcome;
import io.redisfleet.controller.model.NodeReport;
import io.redisfleet.controller.model.PasswordPhase;
import io.redisfleet.controller.model.PlanReport;
import io.redisfleet.controller.model.SlotRange;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The port through which the controller talks to one host's agent. It speaks the controller's
 * model only: the gRPC adapter maps to and from the agent contract's messages (and adds deadlines
 * and retries), so nothing past this port reads a wire message; tests use recording fakes.
 */
public interface AgentClient {

  /** The inventory name of the host this client talks to. */
  String host();

  AgentFacts facts() throws AgentCallException;

  /** What applying the node would change (the agent's dry run): nothing is touched. */
  ConfDrift preview(DesiredNode node, Optional<Endpoint> replicaOf) throws AgentCallException;

  /** Writes the node's conf and starts it, or changes a running node as little as it can. */
  AgentReply applyNode(DesiredNode node, Optional<Endpoint> replicaOf) throws AgentCallException;

  /** Apply that also restarts a running node whose conf is unchanged (an upgrade, a rolling restart). */
  AgentReply restartNode(DesiredNode node, Optional<Endpoint> replicaOf) throws AgentCallException;

  /** One phase of a password change on the node: only its auth is touched. */
  AgentReply rotatePassword(DesiredNode node, PasswordPhase phase) throws AgentCallException;

  /** Observes the given ports (empty: every node the agent manages). */
  List<NodeReport> observe(List<Integer> ports) throws AgentCallException;

  /** A declared node whose dry run is asked with its observation. */
  record Preview(DesiredNode node, Optional<Endpoint> replicaOf) {}

  /**
   * Observes the given ports and dry-runs each of {@code previews} (ports among them): the reports
   * of previewed ports carry the drift, the others none. This default asks one call after the
   * other; the gRPC adapter asks the agent for all in one round.
   */
  default List<NodeReport> observe(List<Integer> ports, List<Preview> previews) throws AgentCallException {
    List<NodeReport> out = new java.util.ArrayList<>();
    for (NodeReport report : observe(ports)) {
      Optional<Preview> asked = previews.stream()
          .filter(p -> p.node().ref().port() == report.node().ref().port()).findFirst();
      out.add(asked.isEmpty() ? report : report.withDrift(preview(asked.get().node(), asked.get().replicaOf())));
    }
    return out;
  }

  /** A host's facts and its nodes as its agent reported them. */
  record HostReport(AgentFacts facts, List<NodeReport> nodes) {}

  /**
   * A host's whole observation: its facts, then the {@code declared} ports and every port its agent
   * manages besides them (a node the inventory dropped still holds data or slots), each of
   * {@code previews} dry-run. This default asks the facts first, then observes; the gRPC adapter
   * asks the agent for all of it in one round.
   */
  default HostReport observeHost(List<Integer> declared, List<Preview> previews) throws AgentCallException {
    AgentFacts facts = facts();
    List<Integer> ports = new java.util.ArrayList<>(declared);
    facts.managedPorts().stream().filter(p -> !ports.contains(p)).forEach(ports::add);
    return new HostReport(facts, ports.isEmpty() ? List.of() : observe(ports, previews));
  }

  AgentReply setConfigEpoch(int port, long epoch) throws AgentCallException;

  /**
   * CLUSTER MEET of {@code target} through the local node {@code port}, skipped only when the node
   * already knows {@code expectedId}, the id the target answers with now (a node replaced empty has
   * a new id at its old address); "" when not known: then an entry at the address counts.
   */
  AgentReply meet(int port, Endpoint target, String expectedId) throws AgentCallException;

  AgentReply addSlots(int port, List<SlotRange> ranges) throws AgentCallException;

  AgentReply replicate(int port, String masterId) throws AgentCallException;

  AgentReply replicaOf(int port, Optional<Endpoint> master) throws AgentCallException;

  /** CLUSTER FAILOVER on a replica, with the given option. */
  AgentReply failover(int port, FailoverMode mode) throws AgentCallException;

  /** Moves the slots from the local master {@code port} to the master at {@code target} (MIGRATE). */
  AgentReply migrateSlots(int port, Endpoint target, List<SlotRange> ranges) throws AgentCallException;

  AgentReply remove(int port, boolean force) throws AgentCallException;

  /** Removes a node whose keys are a copy: the agent checks, right before, that it is a replica with its link up. */
  AgentReply removeReplica(int port) throws AgentCallException;

  /** FAILOVER TO on a replication group's master: a coordinated handover of its role to the replica at {@code to}. */
  AgentReply failoverTo(int port, Endpoint to, Duration timeout) throws AgentCallException;

  /**
   * A group handover without FAILOVER (Redis before 6.2): fence the local master's writes and wait,
   * at most {@code timeout}, until the replica at {@code to} has acknowledged all of them; the fence
   * is lifted again when it does not. The controller promotes the replica and re-points this node next.
   */
  AgentReply fenceWrites(int port, Endpoint to, Duration timeout) throws AgentCallException;

  /** Lifts a write fence left by {@link #fenceWrites}; unchanged when the node has none. */
  AgentReply liftFence(int port) throws AgentCallException;

  /** CLUSTER FORGET nodeId on the local node {@code port}; unchanged when it does not know it. */
  AgentReply forget(int port, String nodeId) throws AgentCallException;

  /** CLUSTER RESET SOFT on a local node leaving its cluster; refused on a master holding keys. */
  AgentReply reset(int port) throws AgentCallException;

  /**
   * Tells the agent the last plan as it concerns its host (for its metrics): one attempt, a short
   * deadline, no retry. Clients without it (test fakes) do nothing.
   */
  default void reportPlan(PlanReport report) throws AgentCallException {}

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
