package io.redisfleet.agent.host;

import io.redisfleet.agent.AgentException;
import io.redisfleet.agent.AgentException.Kind;
import io.redisfleet.agent.v1.Endpoint;
import io.redisfleet.agent.v1.ProbeNode;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The endpoints one ProbeEndpoints request may connect to: the port and the cluster bus port
 * (cluster-port, or port + 10000) of every node the request declares, and of this agent's own
 * nodes (at its address and loopback). Anything else is refused before a single connect, so a
 * request cannot make the agent knock on an arbitrary port, even one of a host in the fleet.
 */
public record ProbeScope(Set<String> allowed) {

  private static final int MAX_DECLARED = 4096;

  public ProbeScope {
    allowed = Set.copyOf(allowed);
  }

  public static ProbeScope of(List<ProbeNode> declared, List<Integer> ownPorts, String ownAddress)
      throws AgentException {
    if (declared.size() > MAX_DECLARED) {
      throw new AgentException(Kind.INVALID_REQUEST, "ProbeEndpoints: " + declared.size()
          + " declared nodes, at most " + MAX_DECLARED);
    }
    Set<String> out = new HashSet<>();
    for (ProbeNode n : declared) {
      int port = n.getNode().getPort();
      out.add(key(n.getNode().getHost(), port));
      out.add(key(n.getNode().getHost(), n.getClusterPort() > 0 ? n.getClusterPort() : port + 10000));
    }
    for (int port : ownPorts) {
      for (String host : List.of(ownAddress, "127.0.0.1")) {
        out.add(key(host, port));
        out.add(key(host, port + 10000));
      }
    }
    return new ProbeScope(out);
  }

  /** Refuses the first endpoint outside the scope, naming its port and host. */
  public void check(List<Endpoint> endpoints) throws AgentException {
    for (Endpoint e : endpoints) {
      if (!allowed.contains(key(e.getHost(), e.getPort()))) {
        throw new AgentException(Kind.INVALID_REQUEST, "ProbeEndpoints: port " + e.getPort() + " at " + e.getHost()
            + " is neither the port nor the bus port of a node declared in the request or run by this agent");
      }
    }
  }

  private static String key(String host, int port) {
    return host.toLowerCase(Locale.ROOT) + ":" + port;
  }
}
