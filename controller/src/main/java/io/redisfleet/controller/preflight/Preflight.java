package io.redisfleet.controller.preflight;

import io.redisfleet.controller.agentclient.AgentCallException;
import io.redisfleet.controller.agentclient.AgentClient;
import io.redisfleet.controller.model.DesiredNode;
import io.redisfleet.controller.model.Directive;
import io.redisfleet.controller.model.Endpoint;
import io.redisfleet.controller.model.EndpointProbe;
import io.redisfleet.controller.model.HostCheck;
import io.redisfleet.controller.model.Inventory;
import io.redisfleet.controller.model.ProbeNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * Preflight: every host's settings (the agent's CheckHost) and, from every host, whether the
 * port and cluster bus port of each node its own nodes talk to can be reached (the agent's
 * ProbeEndpoints, only ever given the inventory's own addresses). A host probes the nodes of the
 * clusters and replication groups it has a node in, not the whole inventory: those are the only
 * connections Redis makes, and probing every endpoint from every host grew with the square of
 * the fleet (500 hosts of replication pairs: 250,000 connects for 500 useful ones). Hosts are
 * checked in parallel; one that does not answer is a finding, the others are still checked.
 */
public final class Preflight {

  private static final Duration PROBE_TIMEOUT = Duration.ofMillis(1000);

  private final Inventory inventory;
  private final Map<String, AgentClient> agents;
  private final ExecutorService pool;

  public Preflight(Inventory inventory, Map<String, AgentClient> agents, ExecutorService pool) {
    this.inventory = inventory;
    this.agents = agents;
    this.pool = pool;
  }

  public PreflightReport run() throws InterruptedException {
    List<DesiredNode> nodes = inventory.desiredNodes();
    List<ProbeNode> declared = declaredNodes();
    Map<String, List<Integer>> scopeNodes = new TreeMap<>(); // cluster/group -> its nodes' positions
    Map<String, Set<String>> scopesOn = new TreeMap<>(); // host -> the clusters/groups it has a node in
    for (int i = 0; i < nodes.size(); i++) {
      String scope = nodes.get(i).membership().scope();
      scopeNodes.computeIfAbsent(scope, s -> new ArrayList<>()).add(i);
      scopesOn.computeIfAbsent(nodes.get(i).ref().host(), h -> new TreeSet<>()).add(scope);
    }
    Map<String, Future<List<Finding>>> futures = new TreeMap<>();
    Set<String> unreachable = new HashSet<>();
    for (String host : new TreeMap<>(inventory.hosts()).keySet()) {
      List<Integer> peers = scopesOn.getOrDefault(host, Set.of()).stream()
          .flatMap(s -> scopeNodes.get(s).stream()).sorted().toList();
      List<ProbeNode> peerNodes = peers.stream().map(declared::get).toList();
      List<Endpoint> endpoints = endpoints(peers, declared);
      futures.put(host, pool.submit(() -> checkHost(host, endpoints, peerNodes, unreachable)));
    }
    List<Finding> findings = new ArrayList<>();
    for (var f : futures.entrySet()) {
      try {
        findings.addAll(f.getValue().get());
      } catch (ExecutionException e) {
        findings.add(new Finding(f.getKey(), "agent", "error", String.valueOf(e.getCause()), "answers", "", false));
      }
    }
    return new PreflightReport(PeerReach.demoteUnreachablePeers(findings, unreachable), Map.of(), unreachable);
  }

  /**
   * What --fix-sysctl says for each host with a failing kernel setting: where the settings ship and
   * how to apply them. Changes nothing: the hardened agent unit cannot write kernel settings.
   */
  public static Map<String, String> kernelSettings(PreflightReport report) {
    Map<String, String> out = new TreeMap<>();
    report.findings().stream().filter(f -> f.sysctl() && !"ok".equals(f.severity()))
        .forEach(f -> out.put(f.host(), KernelSettings.HINT));
    return out;
  }

  private List<Finding> checkHost(String host, List<Endpoint> endpoints, List<ProbeNode> declared,
      Set<String> unreachable) {
    AgentClient agent = agents.get(host);
    List<Finding> out = new ArrayList<>();
    try {
      for (HostCheck c : agent.checkHost(tcpBacklog(host))) {
        out.add(new Finding(host, c.name(), c.severity(), c.observed(), c.expected(), c.fix(), c.sysctl()));
      }
      List<EndpointProbe> probes = agent.probe(endpoints, declared, PROBE_TIMEOUT);
      out.addAll(PeerReach.findings(host, inventory, probes));
      if (UnmanagedRedis.applies(inventory, host)) {
        UnmanagedRedis.finding(host, agent.probe(List.of(UnmanagedRedis.LOOPBACK_6379),
            List.of(UnmanagedRedis.DECLARED), PROBE_TIMEOUT))
            .ifPresent(out::add);
      }
    } catch (AgentCallException e) {
      synchronized (unreachable) {
        unreachable.add(host);
      }
      out.add(new Finding(host, "agent", "error", "unreachable: " + e.getMessage(), "answers",
          "start redis-fleet-agent on " + host + " and check its address and agent-port in the inventory", false));
    }
    return out;
  }

  /** Every node at its inventory address, with its cluster-port (0 when it has none: port + 10000). */
  private List<ProbeNode> declaredNodes() {
    List<ProbeNode> out = new ArrayList<>();
    for (DesiredNode d : inventory.desiredNodes()) {
      int clusterPort = d.directives().stream().filter(x -> x.name().equals("cluster-port") && x.args().size() == 1)
          .mapToInt(x -> Math.max(0, parse(x.args().get(0), 0))).findFirst().orElse(0);
      out.add(new ProbeNode(new Endpoint(inventory.addressOf(d.ref()), d.ref().port()),
          d.clusterEnabled() ? clusterPort : 0));
    }
    return out;
  }

  /**
   * The port and, for cluster nodes, the bus port (cluster-port or port + 10000) of the declared
   * nodes at {@code indices} (positions in {@link Inventory#desiredNodes()}).
   */
  private List<Endpoint> endpoints(List<Integer> indices, List<ProbeNode> declared) {
    List<Endpoint> out = new ArrayList<>();
    List<DesiredNode> nodes = inventory.desiredNodes();
    for (int i : indices) {
      ProbeNode n = declared.get(i);
      out.add(n.node());
      if (nodes.get(i).clusterEnabled()) {
        out.add(new Endpoint(n.node().host(), n.clusterPort() > 0 ? n.clusterPort() : n.node().port() + 10000));
      }
    }
    return out;
  }

  /** The highest tcp-backlog of the host's nodes (Redis's default 511 when none sets it). */
  int tcpBacklog(String host) {
    return inventory.desiredNodes().stream().filter(d -> d.ref().host().equals(host))
        .flatMap(d -> d.directives().stream()).filter(x -> x.name().equals("tcp-backlog"))
        .map(Directive::args).filter(a -> !a.isEmpty()).mapToInt(a -> parse(a.get(0), 511)).max().orElse(511);
  }

  private static int parse(String s, int otherwise) {
    try {
      return Integer.parseInt(s);
    } catch (NumberFormatException e) {
      return otherwise;
    }
  }
}
