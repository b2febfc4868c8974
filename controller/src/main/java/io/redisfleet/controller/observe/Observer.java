package io.redisfleet.controller.observe;

import io.redisfleet.controller.agentclient.AgentCallException;
import io.redisfleet.controller.agentclient.AgentClient;
import io.redisfleet.controller.model.AgentFacts;
import io.redisfleet.controller.model.DesiredNode;
import io.redisfleet.controller.model.HostObservation;
import io.redisfleet.controller.model.Inventory;
import io.redisfleet.controller.model.NodeReport;
import io.redisfleet.controller.model.ObservedNode;
import io.redisfleet.controller.model.Observation;
import io.redisfleet.controller.model.ServerVersion;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * Gathers the fleet's observed state from every agent in parallel: each host's nodes, and for
 * each declared node the agent's dry run of its spec (what applying would change). A host whose
 * agent does not answer is recorded as unreachable; the others are still observed. Nodes an agent
 * manages that the inventory does not declare (orphans) are observed too, without a dry run, so
 * the planner can take them out and status can show them.
 */
public final class Observer {

  private final Map<String, AgentClient> agents;
  private final ExecutorService pool;

  public Observer(Map<String, AgentClient> agents, ExecutorService pool) {
    this.agents = agents;
    this.pool = pool;
  }

  public Observation observe(Inventory inventory, boolean withDrift) throws InterruptedException {
    Map<String, Future<HostObservation>> futures = new HashMap<>();
    for (String host : inventory.hosts().keySet()) {
      List<DesiredNode> nodes = inventory.desiredNodes().stream().filter(n -> n.ref().host().equals(host)).toList();
      futures.put(host, pool.submit(() -> observeHost(inventory, host, nodes, withDrift)));
    }
    Map<String, HostObservation> hosts = new HashMap<>();
    for (var e : futures.entrySet()) {
      try {
        hosts.put(e.getKey(), e.getValue().get());
      } catch (java.util.concurrent.ExecutionException ex) {
        hosts.put(e.getKey(), new HostObservation.Unreachable(e.getKey(), String.valueOf(ex.getCause())));
      }
    }
    return new Observation(hosts);
  }

  private HostObservation observeHost(Inventory inventory, String host, List<DesiredNode> nodes, boolean withDrift) {
    AgentClient agent = agents.get(host);
    try {
      List<AgentClient.Preview> previews = withDrift
          ? nodes.stream().map(n -> new AgentClient.Preview(n, inventory.replicaOfAddress(n))).toList()
          : List.of();
      // Undeclared ports the agent manages are observed too: a node that left a cluster halfway
      // (forgotten but running) still claims slots, and the safety invariants must see that claim;
      // a node dropped from a group is an orphan to remove.
      AgentClient.HostReport reported = agent.observeHost(nodes.stream().map(n -> n.ref().port()).toList(), previews);
      AgentFacts facts = reported.facts();
      Map<Integer, ObservedNode> observed = new HashMap<>();
      Map<Integer, ServerVersion> running = new HashMap<>();
      for (NodeReport report : reported.nodes()) {
        int port = report.node().ref().port();
        observed.put(port, report.node()); // orphans, and every node when no drift was asked: no drift
        report.running().ifPresent(v -> running.put(port, v));
      }
      return new HostObservation.Reachable(host, facts.serviceBackend(), facts.installed().version().version(),
          facts.managedPorts(), observed, facts.installed(), running, facts.servers());
    } catch (AgentCallException e) {
      return new HostObservation.Unreachable(host, e.getMessage());
    }
  }
}
