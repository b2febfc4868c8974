package io.redisfleet.agent.node;

import io.redisfleet.agent.AgentConfig;
import io.redisfleet.agent.AgentException;
import io.redisfleet.agent.AgentException.Kind;
import io.redisfleet.agent.fs.AtomicFiles;
import io.redisfleet.agent.fs.NodeLayout;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The SHA-256 of a node's conf as the last successful ApplyNode left it ({@code <port>.conf.applied}
 * beside the conf), so a conf edited by hand afterwards shows as drift on the metrics endpoint. A
 * file, not memory: an agent restart must not forget it. Holds only a digest, no secret.
 */
public final class AppliedConf {

  private final AgentConfig config;

  public AppliedConf(AgentConfig config) {
    this.config = config;
  }

  public static Path file(NodeLayout node) {
    return node.confFile().resolveSibling(node.port() + ".conf.applied");
  }

  /**
   * After a successful ApplyNode: the conf on disk is the one the agent wrote or found right. Best
   * effort: the digest only feeds a metric, so a conf directory that cannot take it (read-only)
   * never turns a successful apply into a failed one; the old digest is removed so no stale one
   * reports an edit that is not.
   */
  public void record(int port) {
    try {
      write(port);
    } catch (AgentException e) {
      try {
        java.nio.file.Files.deleteIfExists(file(config.node(port)));
      } catch (IOException gone) {
        // nothing more to do: conf_edited may be wrong for this node until the next apply
      }
    }
  }

  private void write(int port) throws AgentException {
    NodeLayout node = config.node(port);
    Optional<String> conf = NodeFiles.read(node, node.confFile());
    if (conf.isEmpty()) {
      return;
    }
    try {
      AtomicFiles.write(config.confDir(), file(node), digest(conf.get()) + "\n");
    } catch (IOException e) {
      throw new AgentException(Kind.FATAL, "node " + port + ": record the applied conf: write " + file(node) + ": "
          + e, e);
    }
  }

  /** Whether the conf differs from the one last applied; false when no apply recorded one yet. */
  boolean editedSince(NodeLayout node, String conf) throws AgentException {
    Optional<String> recorded = NodeFiles.read(node, file(node)).map(String::strip);
    return recorded.isPresent() && !recorded.get().equals(digest(conf));
  }

  static String digest(String conf) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(conf.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
