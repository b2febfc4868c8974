package io.redisfleet.agent.node;

import io.redisfleet.agent.AgentConfig;
import io.redisfleet.agent.AgentException;
import io.redisfleet.agent.AgentException.Kind;
import io.redisfleet.agent.conf.AuthRenderer;
import io.redisfleet.agent.fs.AtomicFiles;
import io.redisfleet.agent.fs.FileGroup;
import io.redisfleet.agent.fs.NodeLayout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A node's conf and ACL file, read and written atomically below the agent's own directories.
 * Every failure names the node, the file and the step the write was for.
 */
final class NodeFiles {

  private final AgentConfig config;
  private final FileGroup readers;

  NodeFiles(AgentConfig config, FileGroup readers) {
    this.config = config;
    this.readers = readers;
  }

  void writeConf(NodeLayout node, String text, String step) throws AgentException {
    try {
      AtomicFiles.write(config.confDir(), node.confFile(), text, readers);
    } catch (IOException e) {
      throw new AgentException(Kind.FATAL, "node " + node.port() + ": " + step + ": write " + node.confFile() + ": "
          + e + "; the node was not changed by this step", e);
    }
  }

  /** The ACL file (0640, under the node's own directory); nothing for a node without users. */
  void writeAcl(NodeLayout node, String acl) throws AgentException {
    if (acl.isEmpty()) {
      return;
    }
    try {
      AtomicFiles.write(config.dataRoot(), AuthRenderer.aclFile(node), acl);
    } catch (IOException e) {
      throw new AgentException(Kind.FATAL, "node " + node.port() + ": write " + AuthRenderer.aclFile(node) + ": " + e, e);
    }
  }

  Optional<String> conf(NodeLayout node) throws AgentException {
    return read(node, node.confFile());
  }

  static Optional<String> read(NodeLayout node, Path file) throws AgentException {
    try {
      return Files.exists(file) ? Optional.of(Files.readString(file)) : Optional.empty();
    } catch (IOException e) {
      throw new AgentException(Kind.FATAL, "node " + node.port() + ": read " + file + ": " + e, e);
    }
  }
}
