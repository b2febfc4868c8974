package io.redisfleet.controller.inventory;

import io.redisfleet.controller.model.AgentMode;
import io.redisfleet.controller.model.Host;
import io.redisfleet.controller.model.NodeRef;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checks across the whole inventory, after each part was read on its own: one address per host,
 * each host:port one node, and no two listeners on one port of a host (a node, a cluster node's
 * bus at port + 10000, a remote agent). Problems are reported at the later declaration.
 */
final class InventoryValidator {

  /** Something that listens on a port of a host. */
  private record Claim(String what, Location location) {}

  private static final Comparator<Location> BY_PLACE =
      Comparator.comparing(Location::file).thenComparingInt(Location::line);

  private final Problems problems;
  private final Map<String, Map<Integer, Claim>> ports = new HashMap<>();
  private Map<String, Host> hosts = Map.of();

  InventoryValidator(Problems problems) {
    this.problems = problems;
  }

  /** @param hostPlaces where each host's address was declared */
  void validate(Map<String, Host> hosts, Map<String, Location> hostPlaces,
      List<NodeReader.Declared> nodes) {
    this.hosts = hosts;
    Map<String, String> byAddress = new HashMap<>();
    hosts.values().stream().sorted(Comparator.comparing(h -> hostPlaces.get(h.name()), BY_PLACE))
        .forEach(h -> {
          String first = byAddress.putIfAbsent(h.address().toLowerCase(), h.name());
          if (first != null) {
            problems.at(hostPlaces.get(h.name()), "hosts." + h.name() + " has the same address \""
                + h.address() + "\" as hosts." + first + "; a machine is one host: put all its "
                + "nodes under one of them");
          } else if (h.agent() == AgentMode.REMOTE) {
            claimOnHost(h.name(), h.agentPort(), new Claim("the agent of hosts." + h.name()
                + " (agent-port)", hostPlaces.get(h.name())));
          }
        });
    Map<NodeRef, NodeReader.Declared> first = new HashMap<>();
    nodes.stream().sorted(Comparator.comparing(NodeReader.Declared::location, BY_PLACE))
        .forEach(n -> {
          NodeReader.Declared earlier = first.putIfAbsent(n.ref(), n);
          if (earlier != null) {
            problems.at(n.location(), "node \"" + n.ref() + "\" in " + n.owner() + " is already "
                + "declared in " + earlier.owner() + " (" + earlier.location() + "); each host:port "
                + "can be only one node");
            return;
          }
          String name = "node " + n.ref() + " of " + n.owner();
          claim(n.ref().host(), n.ref().port(), new Claim(name, n.location()));
          if (n.cluster()) {
            Optional<Integer> busPort = clusterPort(n);
            claim(n.ref().host(), busPort.orElse(n.ref().port() + 10000), new Claim("the cluster bus of " + name
                + busPort.map(p -> " (cluster-port)").orElse(" (port + 10000)"), n.location()));
          }
        });
  }

  /** The bus port a {@code cluster-port} directive sets (0 means Redis' default, port + 10000). */
  private static Optional<Integer> clusterPort(NodeReader.Declared n) {
    Optional<Integer> port = Optional.empty();
    for (var d : n.decl().directives()) {
      if (d.name().equals("cluster-port") && d.args().size() == 1) {
        port = Text.parseLong(d.args().get(0)).filter(io.redisfleet.contract.Ports::valid).map(Long::intValue);
      }
    }
    return port;
  }

  /**
   * Ports are claimed per machine: every host with a loopback address is this one machine, and
   * every node also binds 127.0.0.1, so two such hosts cannot both run a node on one port.
   */
  private void claim(String host, int port, Claim claim) {
    Host h = hosts.get(host);
    boolean loopback = h != null && Addresses.isLoopback(h.address());
    claim(loopback ? "loopback" : "host:" + host, host, port, claim, loopback);
  }

  /** An agent listens on its host's address only, so its port is claimed on that host alone. */
  private void claimOnHost(String host, int port, Claim claim) {
    claim("host:" + host, host, port, claim, false);
  }

  private void claim(String machine, String host, int port, Claim claim, boolean loopback) {
    Claim earlier = ports.computeIfAbsent(machine, m -> new HashMap<>()).putIfAbsent(port, claim);
    if (earlier != null) {
      problems.at(claim.location(), claim.what() + " needs port " + port + " of host " + host
          + ", which " + earlier.what() + " already uses (" + earlier.location() + ")"
          + (loopback ? " on the same machine (hosts with loopback addresses share 127.0.0.1, which every node binds)" : "")
          + "; choose another port");
    }
  }
}
