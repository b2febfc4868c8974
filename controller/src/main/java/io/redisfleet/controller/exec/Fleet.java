package io.redisfleet.controller.exec;

import io.redisfleet.agent.v1.NodeState;
import io.redisfleet.controller.model.ConfDrift;
import io.redisfleet.controller.model.ObservedNode;
import io.redisfleet.controller.observe.NodeStates;
import io.redisfleet.controller.agentclient.AgentCallException;
import io.redisfleet.controller.agentclient.AgentClient;
import io.redisfleet.controller.model.NodeRef;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The agents of the fleet by host name, with helpers to observe nodes across hosts. Observations
 * are mapped to the model here, at the edge, as the observer does: nothing in the executor reads a
 * wire message's strings to decide whether a node is ready, a master or itself.
 */
public record Fleet(Map<String, AgentClient> agents) {

  public Fleet {
    agents = Map.copyOf(agents);
  }

  public AgentClient agent(String host) {
    AgentClient agent = agents.get(host);
    if (agent == null) {
      throw new IllegalArgumentException("no agent for host " + host);
    }
    return agent;
  }

  /** Observes the given nodes, one call per host. */
  public Map<NodeRef, ObservedNode> observe(List<NodeRef> nodes) throws AgentCallException {
    Map<String, List<Integer>> byHost = new TreeMap<>();
    nodes.forEach(n -> byHost.computeIfAbsent(n.host(), h -> new java.util.ArrayList<>()).add(n.port()));
    Map<NodeRef, ObservedNode> out = new LinkedHashMap<>();
    for (var e : byHost.entrySet()) {
      for (NodeState s : agent(e.getKey()).observe(e.getValue())) {
        out.put(new NodeRef(e.getKey(), s.getPort()), NodeStates.toObserved(e.getKey(), s, ConfDrift.none()));
      }
    }
    return out;
  }

  public ObservedNode observe(NodeRef node) throws AgentCallException {
    return NodeStates.toObserved(node.host(), agent(node.host()).observe(List.of(node.port())).get(0), ConfDrift.none());
  }
}
