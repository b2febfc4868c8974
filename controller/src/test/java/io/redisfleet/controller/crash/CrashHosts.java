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
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Two loopback "hosts": real gRPC agents (process backend) on 127.0.0.1 and 127.0.0.2 living in
 * the test JVM, so they outlive every controller the suite kills. Node i runs on host a for
 * i = 0-2, 6, 8 and on host b otherwise. Knows the redis-servers its agents run by their pidfiles.
 */
final class CrashHosts implements AutoCloseable {

  final Path dir;
  final Path inventory;
  final List<Integer> ports = FreePorts.pick(10);
  private final Map<String, AgentServer> agents = new LinkedHashMap<>();

  CrashHosts(Path dir) throws IOException {
    this(dir, Optional.empty());
  }

  /** With both agents running {@code redisServer} (e.g. a wrapper whose version a cell raises). */
  CrashHosts(Path dir, Optional<Path> redisServer) throws IOException {
    this.dir = dir;
    this.inventory = dir.resolve("fleet.conf");
    start("a", "127.0.0.1", redisServer);
    start("b", "127.0.0.2", redisServer);
  }

  private void start(String name, String address, Optional<Path> redisServer) throws IOException {
    AgentConfig base = AgentConfig.underStateDir(dir.resolve(name), address, AgentConfig.Backend.PROCESS);
    agents.put(name, AgentServer.start(NettyServerBuilder.forAddress(new InetSocketAddress(address, 0)),
        new AgentConfig(base.confDir(), base.dataRoot(), address, redisServer, base.backend())));
  }

  int agentPort(String host) {
    return agents.get(host).port();
  }

  static String host(int node) {
    return node < 3 || node == 6 || node == 8 ? "a" : "b";
  }

  static String address(int node) {
    return host(node).equals("a") ? "127.0.0.1" : "127.0.0.2";
  }

  String declaration(int node) {
    return "\"" + host(node) + ":" + ports.get(node) + "\"";
  }

  /** Writes the shape as the inventory (and its password file). */
  void write(Shape shape) throws IOException {
    if (shape.password().isPresent()) {
      Files.writeString(dir.resolve(shape.password().get() + ".pw"), shape.password().get());
    }
    Files.writeString(inventory, shape.render(this));
  }

  /** A redis-server an agent started and still runs: host, port, pid. */
  record Running(String host, int port, long pid) {}

  /** Every live redis-server started by these agents, from the pidfiles under their data dirs. */
  List<Running> running() {
    List<Running> out = new ArrayList<>();
    for (String host : agents.keySet()) {
      try (Stream<Path> nodes = Files.list(dir.resolve(host).resolve("data"))) {
        nodes.filter(d -> d.getFileName().toString().matches("\\d+")).forEach(d -> pid(d.resolve("redis.pid"))
            .ifPresent(pid -> out.add(new Running(host, Integer.parseInt(d.getFileName().toString()), pid))));
      } catch (IOException e) {
        // no data directory yet: no node started on this host
      }
    }
    return out;
  }

  static Optional<Long> pid(Path pidFile) {
    try {
      long pid = Long.parseLong(Files.readString(pidFile).strip());
      // Debian's redis-server is a symlink to redis-check-rdb: the kernel's cmdline names it.
      String cmdline = Files.readString(Path.of("/proc/" + pid + "/cmdline"));
      return cmdline.startsWith("redis-server") || cmdline.contains("/redis-server") ? Optional.of(pid) : Optional.empty();
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    }
  }

  @Override
  public void close() {
    agents.values().forEach(AgentServer::close);
    running().forEach(r -> ProcessHandle.of(r.pid()).ifPresent(ProcessHandle::destroyForcibly));
  }
}
