package io.redisfleet.controller.inventory;

import io.redisfleet.controller.model.AgentMode;
import io.redisfleet.controller.model.Host;
import io.redisfleet.controller.model.NodeRef;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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

  InventoryValidator(Problems problems) {
    this.problems = problems;
  }

  /** @param hostPlaces where each host's address was declared */
  void validate(Map<String, Host> hosts, Map<String, Location> hostPlaces,
      List<NodeReader.Declared> nodes) {
    Map<String, String> byAddress = new HashMap<>();
    hosts.values().stream().sorted(Comparator.comparing(h -> hostPlaces.get(h.name()), BY_PLACE))
        .forEach(h -> {
          String first = byAddress.putIfAbsent(h.address().toLowerCase(), h.name());
          if (first != null) {
            problems.at(hostPlaces.get(h.name()), "hosts." + h.name() + " has the same address \""
                + h.address() + "\" as hosts." + first + "; a machine is one host: put all its "
                + "nodes under one of them");
          } else if (h.agent() == AgentMode.REMOTE) {
            claim(h.name(), h.agentPort(), new Claim("the agent of hosts." + h.name()
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
            claim(n.ref().host(), n.ref().port() + 10000, new Claim("the cluster bus of " + name
                + " (port + 10000)", n.location()));
          }
        });
  }

  private void claim(String host, int port, Claim claim) {
    Claim earlier = ports.computeIfAbsent(host, h -> new HashMap<>()).putIfAbsent(port, claim);
    if (earlier != null) {
      problems.at(claim.location(), claim.what() + " needs port " + port + " of host " + host
          + ", which " + earlier.what() + " already uses (" + earlier.location() + "); choose "
          + "another port");
    }
  }
}
