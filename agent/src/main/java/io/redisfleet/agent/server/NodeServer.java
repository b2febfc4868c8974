package io.redisfleet.agent.server;

import io.redisfleet.agent.AgentConfig;
import io.redisfleet.agent.AgentException;
import io.redisfleet.agent.AgentException.Kind;
import io.redisfleet.agent.fs.AtomicFiles;
import io.redisfleet.agent.fs.NodeLayout;
import io.redisfleet.agent.node.HostFactsReader;
import io.redisfleet.agent.service.RedisBinary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Which installed binary runs a node, on a host that may have both engines: the engine its
 * inventory names; else the engine it last ran, while that one is still installed (a host that
 * gains valkey-server beside redis-server leaves its running nodes on redis); else the host's
 * default ({@link RedisBinary#find}). The inventory's choice is remembered beside the conf
 * ({@code <port>.engine}) because starts and restarts (a rolling restart, systemd's own start at
 * boot through the unit's drop-in) come without a spec.
 */
public final class NodeServer {

  private NodeServer() {}

  public static Path engineFile(NodeLayout node) {
    return node.confFile().resolveSibling(node.port() + ".engine");
  }

  /** Records the inventory's engine for the node ("" forgets it: the node keeps the engine it runs). */
  public static void remember(AgentConfig config, NodeLayout node, String engine) throws AgentException {
    Path file = engineFile(node);
    try {
      if (engine.isEmpty()) {
        Files.deleteIfExists(file);
      } else if (!named(node).equals(engine)) {
        AtomicFiles.write(config.confDir(), file, engine + "\n");
      }
    } catch (IOException e) {
      throw new AgentException(Kind.FATAL, "node " + node.port() + ": record its engine in " + file + ": " + e, e);
    }
  }

  /** The binary for the node, by the engine remembered for it (see the class comment). */
  public static Optional<Path> binary(AgentConfig config, NodeLayout node) {
    return binary(config, node, named(node));
  }

  /** The binary for the node when its inventory names {@code engine} ("" for none). */
  public static Optional<Path> binary(AgentConfig config, NodeLayout node, String engine) {
    if (!engine.isEmpty()) {
      return forEngine(config, engine); // empty when not installed: never another engine's binary
    }
    Optional<Path> last = StartRecord.read(node).map(r -> r.server().engine()).filter(e -> !e.isEmpty())
        .flatMap(e -> forEngine(config, e));
    return last.isPresent() ? last : RedisBinary.find(config);
  }

  /** The version of {@link #binary(AgentConfig, NodeLayout, String)}; UNKNOWN when none. */
  public static ServerVersion version(AgentConfig config, NodeLayout node, String engine) {
    return binary(config, node, engine).map(HostFactsReader::serverVersion).orElse(ServerVersion.UNKNOWN);
  }

  /** The first installed binary whose --version names the engine. */
  public static Optional<Path> forEngine(AgentConfig config, String engine) {
    return RedisBinary.installed(config).stream()
        .filter(b -> engine.equals(HostFactsReader.serverVersion(b).engine())).findFirst();
  }

  /** What a node's start says when no binary of its engine is installed. */
  public static String missing(AgentConfig config, NodeLayout node) {
    String engine = named(node);
    return engine.isEmpty() ? "no redis-server or valkey-server binary found (configured, PATH, /usr/bin)"
        : "its inventory wants " + engine + ", but no " + engine + "-server is installed (apt-get install "
            + engine + "-server)";
  }

  private static String named(NodeLayout node) {
    try {
      return Files.readString(engineFile(node)).strip();
    } catch (IOException e) {
      return ""; // none recorded: the inventory names no engine
    }
  }
}
