package io.redisfleet.agent.service;

import io.redisfleet.agent.AgentException;
import io.redisfleet.agent.AgentException.Kind;
import io.redisfleet.agent.fs.NodeLayout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;

/**
 * The template unit runs /usr/bin/redis-server. A node whose server is another binary (Debian's
 * valkey-server package installs only /usr/bin/valkey-server, a link to valkey-check-rdb; a host
 * may have both engines, each node running its own) gets a drop-in that runs that binary instead and lets it be
 * executed (the unit allows executing nothing else). Written before every start and restart, so
 * an engine switch takes effect with the node's next restart; removed when redis-server is back.
 */
final class SystemdServerDropIn {

  static final Path TEMPLATE_BINARY = Path.of("/usr/bin/redis-server");

  private final Optional<Path> unitDir;
  private final Function<NodeLayout, Optional<Path>> binary;

  SystemdServerDropIn(Optional<Path> unitDir, Function<NodeLayout, Optional<Path>> binary) {
    this.unitDir = unitDir;
    this.binary = binary;
  }

  /** No drop-ins (tests of the rest of the adapter). */
  static SystemdServerDropIn none() {
    return new SystemdServerDropIn(Optional.empty(), node -> Optional.empty());
  }

  static Path file(Path unitDir, NodeLayout node) {
    return unitDir.resolve(SystemdServiceManager.unitOf(node) + ".d").resolve("50-server.conf");
  }

  /** Writes or removes the node's drop-in; true when it changed (systemd must then reload). */
  boolean sync(NodeLayout node) throws AgentException {
    if (unitDir.isEmpty()) {
      return false;
    }
    Path file = file(unitDir.get(), node);
    Optional<Path> server = binary.apply(node).filter(b -> !b.equals(TEMPLATE_BINARY));
    try {
      Optional<String> now = Files.exists(file) ? Optional.of(Files.readString(file)) : Optional.empty();
      if (server.isEmpty()) {
        return Files.deleteIfExists(file);
      }
      String wanted = text(server.get(), node);
      if (now.isPresent() && now.get().equals(wanted)) {
        return false;
      }
      Files.createDirectories(file.getParent());
      Files.writeString(file, wanted);
      return true;
    } catch (IOException e) {
      throw new AgentException(Kind.FATAL, "node " + node.port() + ": write the server drop-in " + file + ": " + e, e);
    }
  }

  void remove(NodeLayout node) throws AgentException {
    if (unitDir.isPresent()) {
      try {
        Files.deleteIfExists(file(unitDir.get(), node));
      } catch (IOException e) {
        throw new AgentException(Kind.FATAL, "node " + node.port() + ": remove the server drop-in: " + e, e);
      }
    }
  }

  private static String text(Path server, NodeLayout node) throws IOException {
    Path real = server.toRealPath();
    return "# Written by redis-fleet-agent: this host's server is " + server + ", not " + TEMPLATE_BINARY + ".\n"
        + "[Service]\n"
        + "ExecStart=\n"
        + "ExecStart=" + server + " " + node.confFile() + " --supervised systemd --daemonize no\n"
        + "ExecPaths=" + server + (real.equals(server) ? "" : " " + real) + "\n";
  }
}
