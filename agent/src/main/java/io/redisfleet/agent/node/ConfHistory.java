package io.redisfleet.agent.node;

import io.redisfleet.agent.AgentConfig;
import io.redisfleet.agent.AgentException;
import io.redisfleet.agent.AgentException.Kind;
import io.redisfleet.agent.fs.AtomicFiles;
import io.redisfleet.agent.fs.FileGroup;
import io.redisfleet.agent.fs.NodeLayout;
import java.io.IOException;
import java.nio.file.Files;

/**
 * The node's previous conf ({@link NodeLayout#previousConfFile}) while a new one is applied. It
 * is kept from before the first write of a change until a later apply finishes; a failed apply
 * leaves it, so it is the last conf known to be fully applied — whose login may still be the one
 * the node wants (the agent tries it, see ConfCredentials.fallbacks). Same mode and group as the
 * conf: it holds the same secrets.
 */
final class ConfHistory {

  private final AgentConfig config;
  private final FileGroup readers;

  ConfHistory(AgentConfig config, FileGroup readers) {
    this.config = config;
    this.readers = readers;
  }

  /** Keeps {@code current} as the previous conf, unless an unfinished change already kept an older one. */
  void keep(NodeLayout node, String current) throws AgentException {
    if (Files.exists(node.previousConfFile())) {
      return;
    }
    try {
      AtomicFiles.write(config.confDir(), node.previousConfFile(), current, readers);
    } catch (IOException e) {
      throw new AgentException(Kind.FATAL, "node " + node.port() + ": persist before changing the node: write "
          + node.previousConfFile() + ": " + e + "; nothing was changed", e);
    }
  }

  /** The change is complete: the conf on disk is what the node runs. */
  void forget(NodeLayout node) throws AgentException {
    try {
      Files.deleteIfExists(node.previousConfFile());
    } catch (IOException e) {
      throw new AgentException(Kind.FATAL, "node " + node.port() + ": delete " + node.previousConfFile() + ": " + e, e);
    }
  }
}
