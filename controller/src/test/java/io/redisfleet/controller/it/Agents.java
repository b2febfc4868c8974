package io.redisfleet.controller.it;

import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.redisfleet.agent.AgentConfig;
import io.redisfleet.agent.AgentServer;
import io.redisfleet.agent.AgentService;
import io.redisfleet.agent.host.SystemRoot;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Real gRPC agents on loopback addresses, each with its own state directory and optionally a fake
 * system root (kernel settings) or a given redis-server. Teardown kills, by the PIDs in the
 * agents' pidfiles, exactly the redis-server processes these agents started.
 */
final class Agents implements AutoCloseable {

  private final Path dir;
  private final Map<String, AgentServer> servers = new LinkedHashMap<>();

  Agents(Path dir) {
    this.dir = dir;
  }

  int start(String name, String address) throws IOException {
    return start(name, address, SystemRoot.HOST, Optional.empty());
  }

  int start(String name, String address, SystemRoot root, Optional<Path> redisServer) throws IOException {
    AgentConfig base = AgentConfig.underStateDir(stateDir(name), address, AgentConfig.Backend.PROCESS);
    AgentConfig config = new AgentConfig(base.confDir(), base.dataRoot(), address, redisServer, base.backend());
    AgentServer server = AgentServer.start(NettyServerBuilder.forAddress(new InetSocketAddress(address, 0)),
        AgentService.create(config, root));
    servers.put(name, server);
    return server.port();
  }

  /** The running agent's service (what its metrics endpoint reads). */
  AgentService service(String name) {
    return servers.get(name).service();
  }

  void stop(String name) {
    servers.remove(name).close();
  }

  Path stateDir(String name) {
    return dir.resolve("agent-" + name);
  }

  @Override
  public void close() {
    servers.values().forEach(AgentServer::close);
    try (Stream<Path> states = Files.list(dir)) {
      states.filter(p -> p.getFileName().toString().startsWith("agent-")).forEach(Agents::killNodes);
    } catch (IOException e) {
      // nothing started
    }
  }

  private static void killNodes(Path state) {
    try (Stream<Path> nodes = Files.list(state.resolve("data"))) {
      nodes.map(d -> d.resolve("redis.pid")).filter(Files::isRegularFile).forEach(f -> {
        try {
          long pid = Long.parseLong(Files.readString(f).strip());
          // Debian's redis-server is a symlink to redis-check-rdb, so ProcessHandle.info().command()
          // never says redis-server: the kernel's cmdline does.
          if (Files.readString(Path.of("/proc/" + pid + "/cmdline")).startsWith("redis-server")
              || Files.readString(Path.of("/proc/" + pid + "/cmdline")).contains("/redis-server")) {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
          }
        } catch (IOException | NumberFormatException e) {
          // unreadable pidfile: nothing to kill from it
        }
      });
    } catch (IOException e) {
      // no data directory: no node was started
    }
  }
}
