package io.redisfleet.controller.exec;

import io.redisfleet.controller.model.NodeReport;
import io.redisfleet.controller.model.ObservedNode;
import io.redisfleet.controller.agentclient.AgentCallException;
import io.redisfleet.controller.agentclient.AgentClient;
import io.redisfleet.controller.model.NodeRef;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The agents of the fleet by host name, with helpers to observe nodes across hosts. The agent
 * client maps every answer to the model, so nothing in the executor reads a wire message to
 * decide whether a node is ready, a master or itself.
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
      for (NodeReport r : agent(e.getKey()).observe(e.getValue())) {
        out.put(r.node().ref(), r.node());
      }
    }
    return out;
  }

  public ObservedNode observe(NodeRef node) throws AgentCallException {
    return agent(node.host()).observe(List.of(node.port())).get(0).node();
  }
}
