package io.redisfleet.controller.it;

import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.redisfleet.agent.AgentConfig;
import io.redisfleet.agent.AgentServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;

/**
 * Two "hosts" on one machine: agents as real gRPC servers on 127.0.0.1 and 127.0.0.2, each with
 * its own state directory, and an inventory file naming them. Remembers every redis-server PID
 * it saw so teardown can end exactly those.
 */
public final class TestFleet implements AutoCloseable {

  public final Path dir;
  public final Path inventory;
  public final List<Integer> ports;
  private final List<AgentServer> agents = new ArrayList<>();
  private final Set<Long> pids = new HashSet<>();

  public TestFleet(Path dir) throws IOException {
    this(dir, java.util.Optional.empty());
  }

  /** With both agents running the given redis-server binary (e.g. a wrapper script). */
  public TestFleet(Path dir, java.util.Optional<Path> redisServer) throws IOException {
    this.dir = dir;
    this.redisServer = redisServer;
    this.ports = FreePorts.pick(10); // 0-5 the cluster, 6-7 the pair, 8-9 for a scale out
    int agentA = startAgent("127.0.0.1", dir.resolve("a"));
    int agentB = startAgent("127.0.0.2", dir.resolve("b"));
    this.inventory = dir.resolve("fleet.conf");
    this.agentA = agentA;
    this.agentB = agentB;
    writeInventory("");
  }

  private final int agentA;
  private final int agentB;
  private java.util.Optional<Path> redisServer = java.util.Optional.empty();

  /** (Re)writes the inventory; {@code extraDefaults} goes into defaults.redis. */
  public void writeInventory(String extraDefaults) throws IOException {
    writeInventory(extraDefaults, 6);
  }

  /** As {@link #writeInventory(String)}, with 6 or 8 cluster nodes (nodes 8 on a and 9 on b added). */
  public void writeInventory(String extraDefaults, int clusterNodes) throws IOException {
    writeInventory(extraDefaults, clusterNodes == 8 ? List.of(0, 1, 2, 3, 4, 5, 8, 9) : List.of(0, 1, 2, 3, 4, 5));
  }

  /** As {@link #writeInventory(String)}, with exactly these cluster nodes (indexes 0-5, 8, 9; for a scale in). */
  public void writeInventory(String extraDefaults, List<Integer> clusterNodes) throws IOException {
    List<String> declared = clusterNodes.stream().map(i -> node(address(i).equals("127.0.0.1") ? "a" : "b", i)).toList();
    Files.writeString(inventory, String.join("\n",
        "defaults.redis { cluster-node-timeout = 5000, appendonly = yes " + extraDefaults + " }",
        "hosts {",
        "  a { address = \"127.0.0.1\", agent-port = " + agentA + " }",
        "  b { address = \"127.0.0.2\", agent-port = " + agentB + " }",
        "}",
        "clusters.main {",
        "  replicas = 1",
        "  nodes = [ " + String.join(", ", declared) + " ]",
        "}",
        "replication.pair { master = " + node("a", 6) + ", replicas = [ " + node("b", 7) + " ] }",
        ""));
  }

  private String node(String host, int i) {
    return "\"" + host + ":" + ports.get(i) + "\"";
  }

  /** The port of the agent on host "a" (127.0.0.1) or "b" (127.0.0.2). */
  public int agentPort(String host) {
    return host.equals("a") ? agentA : agentB;
  }

  public String address(int i) {
    return i < 3 || i == 6 || i == 8 ? "127.0.0.1" : "127.0.0.2";
  }

  private int startAgent(String address, Path stateDir) throws IOException {
    AgentConfig base = AgentConfig.underStateDir(stateDir, address, AgentConfig.Backend.PROCESS);
    AgentServer server = AgentServer.start(NettyServerBuilder.forAddress(new InetSocketAddress(address, 0)),
        new AgentConfig(base.confDir(), base.dataRoot(), address, redisServer, base.backend()));
    agents.add(server);
    return server.port();
  }

  /** Cluster-client seeds: the given nodes (indexes into {@link #ports}) at their addresses. */
  public Set<HostAndPort> seeds(List<Integer> nodes) {
    Set<HostAndPort> seeds = new HashSet<>();
    nodes.forEach(i -> seeds.add(new HostAndPort(address(i), ports.get(i))));
    return seeds;
  }

  /** A daemonized redis-server that exited stays a zombie until reaped: its cmdline is empty. */
  public static boolean exited(long pid) {
    try {
      return Files.readAllBytes(Path.of("/proc/" + pid + "/cmdline")).length == 0;
    } catch (IOException e) {
      return true;
    }
  }

  public Jedis jedis(int i) {
    return new Jedis(address(i), ports.get(i), 3000);
  }

  /** The node's redis-server PID (and remembers it for teardown). */
  public long pid(int i) {
    try (Jedis j = jedis(i)) {
      String info = j.info("server");
      long pid = Long.parseLong(info.lines().filter(l -> l.startsWith("process_id:")).findFirst()
          .orElseThrow().substring("process_id:".length()).trim());
      pids.add(pid);
      return pid;
    }
  }

  public String info(int i, String section, String field) {
    try (Jedis j = jedis(i)) {
      return j.info(section).lines().filter(l -> l.startsWith(field + ":")).findFirst()
          .map(l -> l.substring(field.length() + 1).trim()).orElse("");
    }
  }

  public String clusterInfo(int i, String field) {
    try (Jedis j = jedis(i)) {
      return j.clusterInfo().lines().filter(l -> l.startsWith(field + ":")).findFirst()
          .map(l -> l.substring(field.length() + 1).trim()).orElse("");
    }
  }

  @Override
  public void close() {
    for (int i = 0; i < ports.size(); i++) {
      try {
        pid(i);
      } catch (RuntimeException ignored) {
        // not running
      }
    }
    for (long pid : pids) {
      ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
    }
    agents.forEach(AgentServer::close);
  }
}
