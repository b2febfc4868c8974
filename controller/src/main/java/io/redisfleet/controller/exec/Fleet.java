package io.redisfleet.controller.exec;

import io.redisfleet.agent.v1.NodeState;
import io.redisfleet.controller.agentclient.AgentCallException;
import io.redisfleet.controller.agentclient.AgentClient;
import io.redisfleet.controller.model.NodeRef;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The agents of the fleet by host name, with helpers to observe nodes across hosts. */
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
  public Map<NodeRef, NodeState> observe(List<NodeRef> nodes) throws AgentCallException {
    Map<String, List<Integer>> byHost = new TreeMap<>();
    nodes.forEach(n -> byHost.computeIfAbsent(n.host(), h -> new java.util.ArrayList<>()).add(n.port()));
    Map<NodeRef, NodeState> out = new LinkedHashMap<>();
    for (var e : byHost.entrySet()) {
      for (NodeState s : agent(e.getKey()).observe(e.getValue())) {
        out.put(new NodeRef(e.getKey(), s.getPort()), s);
      }
    }
    return out;
  }

  public NodeState observe(NodeRef node) throws AgentCallException {
    return agent(node.host()).observe(List.of(node.port())).get(0);
  }
}
