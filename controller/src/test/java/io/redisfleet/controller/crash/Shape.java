package io.redisfleet.controller.crash;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One state of the crash fleet, written as an inventory: which cluster nodes (indexes into the
 * hosts' ports; empty for no cluster), the restart-only {@code databases} directive, the
 * cluster's password, TLS, and the replication group (master index first; empty for none).
 */
record Shape(List<Integer> clusterNodes, int databases, Optional<String> password, boolean tls, List<Integer> group) {

  static final List<Integer> SIX = List.of(0, 1, 2, 3, 4, 5);
  static final List<Integer> EIGHT = List.of(0, 1, 2, 3, 4, 5, 6, 7);
  static final int GROUP_A = 8;
  static final int GROUP_B = 9;

  Shape {
    clusterNodes = List.copyOf(clusterNodes);
    group = List.copyOf(group);
  }

  static Shape empty() {
    return new Shape(List.of(), 16, Optional.empty(), false, List.of());
  }

  static Shape cluster(List<Integer> nodes) {
    return new Shape(nodes, 16, Optional.empty(), false, List.of());
  }

  static Shape group(int master, int replica) {
    return new Shape(List.of(), 16, Optional.empty(), false, List.of(master, replica));
  }

  Shape withDatabases(int value) {
    return new Shape(clusterNodes, value, password, tls, group);
  }

  Shape withPassword(String value) {
    return new Shape(clusterNodes, databases, Optional.of(value), tls, group);
  }

  Shape withTls(boolean on) {
    return new Shape(clusterNodes, databases, password, on, group);
  }

  boolean isEmpty() {
    return clusterNodes.isEmpty() && group.isEmpty();
  }

  /** Every node this shape declares (cluster, then group). */
  List<Integer> declared() {
    List<Integer> all = new ArrayList<>(clusterNodes);
    all.addAll(group);
    return all;
  }

  /** The inventory text; the password goes to {@code <password>.pw} next to it (see {@link CrashHosts#write}). */
  String render(CrashHosts hosts) {
    List<String> lines = new ArrayList<>(List.of(
        "defaults.redis { cluster-node-timeout = 5000, appendonly = yes, databases = " + databases + " }",
        "hosts {",
        "  a { address = \"127.0.0.1\", agent-port = " + hosts.agentPort("a") + " }",
        "  b { address = \"127.0.0.2\", agent-port = " + hosts.agentPort("b") + " }",
        "}",
        "controller.pki-dir = \"pki\""));
    if (!clusterNodes.isEmpty()) {
      lines.add("clusters.main {");
      lines.add("  replicas = 1");
      password.ifPresent(p -> lines.add("  auth { password-file = \"" + p + ".pw\" }"));
      if (tls) {
        lines.add("  tls { enabled = true, auth-clients = yes }");
      }
      lines.add("  nodes = [ " + String.join(", ", clusterNodes.stream().map(hosts::declaration).toList()) + " ]");
      lines.add("}");
    }
    if (!group.isEmpty()) {
      lines.add("replication.pair { master = " + hosts.declaration(group.get(0)) + ", replicas = [ "
          + hosts.declaration(group.get(1)) + " ] }");
    }
    return String.join("\n", lines) + "\n";
  }
}
