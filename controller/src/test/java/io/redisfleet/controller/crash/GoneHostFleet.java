package io.redisfleet.controller.crash;

import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.redisfleet.agent.AgentConfig;
import io.redisfleet.agent.AgentServer;
import io.redisfleet.controller.it.FreePorts;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;

/**
 * The fleet of the gone-host cells: hosts a (127.0.0.1), b (127.0.0.2) and a third host g{live}
 * (127.0.0.{3 + live}) with {@code perHost} nodes each: two with replicas = 1 (each host holds
 * one member of a shard, none a whole shard), one with replicas = 0 (the third host's shard is
 * lost with it). Each cell powers g{live} off for good and declares g{live + 1} with fresh nodes:
 * the hosts before it stay in the inventory as {@code state = gone}.
 */
final class GoneHostFleet implements AutoCloseable {

  static final int MAX_HOSTS = 40; // a plan of up to 38 steps: one host per cell

  final Path dir;
  final Path inventory;
  /** a's and b's ports, then two per third host, picked as the host comes up (a bus port picked early may be taken). */
  private final List<Integer> ports;
  private final Map<String, AgentServer> agents = new LinkedHashMap<>();
  private final int perHost;
  private int live;

  GoneHostFleet(Path dir, int perHost) throws IOException {
    this.dir = dir;
    this.perHost = perHost;
    this.ports = new ArrayList<>(FreePorts.pick(3 * perHost));
    this.inventory = dir.resolve("fleet.conf");
    start("a", "127.0.0.1");
    start("b", "127.0.0.2");
    start(third(0), address(0));
  }

  private static String third(int i) {
    return "g" + i;
  }

  private static String address(int i) {
    return "127.0.0." + (3 + i);
  }

  private void start(String name, String address) throws IOException {
    agents.put(name, AgentServer.start(NettyServerBuilder.forAddress(new InetSocketAddress(address, 0)),
        AgentConfig.underStateDir(dir.resolve(name), address, AgentConfig.Backend.PROCESS)));
  }

  /** The live third host's address (the one the next cell powers off). */
  String liveAddress() {
    return address(live);
  }

  /** The declared nodes' endpoints: a's, b's, then the live third host's. */
  List<HostAndPort> nodes() {
    List<HostAndPort> out = new ArrayList<>();
    for (int n = 0; n < 3 * perHost; n++) {
      int host = n / perHost;
      out.add(new HostAndPort(host == 2 ? address(live) : "127.0.0.%d".formatted(host + 1),
          ports.get(host == 2 ? (2 + live) * perHost + n % perHost : n)));
    }
    return out;
  }

  /** The nodes on a and b, which no cell powers off (the writers' seeds). */
  List<HostAndPort> survivors() {
    return nodes().subList(0, 2 * perHost);
  }

  /**
   * The live third host is powered off for good: its agent stops and its redis-servers are
   * SIGKILLed; the next third host's agent comes up and the inventory declares the dead one gone
   * with the two replacement nodes on the new one. Returns the dead host's address.
   */
  String powerOffThird() throws IOException {
    if (live + 1 >= MAX_HOSTS) {
      throw new IllegalStateException("more than " + MAX_HOSTS + " gone-host cells");
    }
    String dead = third(live);
    start(third(live + 1), address(live + 1));
    ports.addAll(FreePorts.pick(perHost));
    agents.remove(dead).close();
    try (Stream<Path> data = Files.list(dir.resolve(dead).resolve("data"))) {
      for (Path node : data.toList()) {
        CrashHosts.pid(node.resolve("redis.pid")).flatMap(ProcessHandle::of).ifPresent(p -> {
          p.destroyForcibly();
          p.onExit().orTimeout(10, TimeUnit.SECONDS).join();
        });
      }
    }
    String address = address(live);
    live++;
    write();
    return address;
  }

  /**
   * True when a's first node marks every node at {@code address} failed and, unless its shard is
   * {@code lost} (nothing to fail over to), sees none of them serving slots and says cluster_state ok.
   */
  boolean failedOver(String address, boolean lost) {
    try (Jedis j = new Jedis(nodes().get(0), GoneHostCells.PLAIN)) {
      List<String[]> there = j.clusterNodes().lines().map(l -> l.split(" "))
          .filter(w -> w[1].startsWith(address + ":")).toList();
      boolean failed = there.stream().allMatch(w -> w[2].contains("fail") && !w[2].contains("fail?"));
      boolean serves = there.stream().anyMatch(w -> w.length > 8);
      return failed && (lost || !serves && j.clusterInfo().contains("cluster_state:ok"));
    }
  }

  void write() throws IOException {
    List<String> lines = new ArrayList<>(List.of(
        "defaults.redis { cluster-node-timeout = 2000, appendonly = yes }",
        "hosts {",
        "  a { address = \"127.0.0.1\", agent-port = " + agents.get("a").port() + " }",
        "  b { address = \"127.0.0.2\", agent-port = " + agents.get("b").port() + " }"));
    for (int g = 0; g < live; g++) {
      lines.add("  " + third(g) + " { address = \"" + address(g) + "\", state = gone }");
    }
    lines.add("  " + third(live) + " { address = \"" + address(live) + "\", agent-port = "
        + agents.get(third(live)).port() + " }");
    lines.add("}");
    List<String> declared = new ArrayList<>();
    List<HostAndPort> nodes = nodes();
    for (int n = 0; n < nodes.size(); n++) {
      String host = n < perHost ? "a" : n < 2 * perHost ? "b" : third(live);
      declared.add("\"" + host + ":" + nodes.get(n).getPort() + "\"");
    }
    lines.add("clusters.main { replicas = " + (perHost - 1) + ", nodes = [ " + String.join(", ", declared) + " ] }");
    Files.writeString(inventory, String.join("\n", lines) + "\n");
  }

  @Override
  public void close() {
    agents.values().forEach(AgentServer::close);
    for (int g = 0; g <= live; g++) {
      kill(dir.resolve(third(g)));
    }
    kill(dir.resolve("a"));
    kill(dir.resolve("b"));
  }

  private static void kill(Path host) {
    try (Stream<Path> data = Files.list(host.resolve("data"))) {
      data.forEach(n -> CrashHosts.pid(n.resolve("redis.pid")).flatMap(ProcessHandle::of)
          .ifPresent(ProcessHandle::destroyForcibly));
    } catch (IOException e) {
      // no node ever started on this host
    }
  }
}
