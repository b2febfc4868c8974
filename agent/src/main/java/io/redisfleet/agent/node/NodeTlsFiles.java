package io.redisfleet.agent.node;

import io.redisfleet.agent.AgentConfig;
import io.redisfleet.agent.AgentException;
import io.redisfleet.agent.AgentException.Kind;
import io.redisfleet.agent.conf.TlsRenderer;
import io.redisfleet.agent.fs.AtomicFiles;
import io.redisfleet.agent.fs.FileGroup;
import io.redisfleet.agent.fs.NodeLayout;
import io.redisfleet.agent.redis.RedisAdmin;
import io.redisfleet.agent.v1.NodeSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A TLS node's certificate, key and CA files under {@code tls/} of its data directory (0640, for
 * the redis group): compared with the spec, written, and loaded into the running node live.
 * Errors name paths, never contents: one of the files is the private key.
 */
final class NodeTlsFiles {

  private final AgentConfig config;
  private final RedisAdmin redis;
  private final FileGroup readers;

  NodeTlsFiles(AgentConfig config, RedisAdmin redis, FileGroup readers) {
    this.config = config;
    this.redis = redis;
    this.readers = readers;
  }

  /** Whether the spec's PEMs differ from the files on disk (false without TLS). */
  boolean changed(NodeLayout node, NodeSpec spec) throws AgentException {
    if (!spec.hasTls()) {
      return false;
    }
    for (Map.Entry<Path, String> file : TlsRenderer.files(spec.getTls(), node).entrySet()) {
      if (!file.getValue().equals(read(node, file.getKey()).orElse(null))) {
        return true;
      }
    }
    return false;
  }

  /** Writes the PEMs; nothing for a plaintext node. */
  void write(NodeLayout node, NodeSpec spec) throws AgentException {
    if (spec.hasTls()) {
      for (Map.Entry<Path, String> file : TlsRenderer.files(spec.getTls(), node).entrySet()) {
        write(node, file.getKey(), file.getValue());
      }
    }
  }

  /**
   * Writes the new PEMs under the same names and makes the running node load them: setting any
   * tls-* parameter makes Redis reload them all. False when the agent, which dials with the new
   * files, cannot reach the node still serving the old ones (a new CA): only a restart loads them.
   */
  boolean reload(NodeLayout node, NodeSpec spec) throws AgentException {
    Map<Path, String> old = new HashMap<>();
    for (Path file : TlsRenderer.files(spec.getTls(), node).keySet()) {
      read(node, file).ifPresent(text -> old.put(file, text));
    }
    write(node, spec);
    try {
      redis.configSet(node.port(), "tls-cert-file", TlsRenderer.cert(node).toString());
      return true;
    } catch (AgentException e) {
      if (e.kind() != Kind.INVALID_REQUEST) {
        return false;
      }
      // Redis refused the files themselves and serves the old ones: put those back, so the
      // next apply sees the difference again instead of files the node never loaded
      for (Map.Entry<Path, String> file : old.entrySet()) {
        write(node, file.getKey(), file.getValue());
      }
      throw e;
    }
  }

  private void write(NodeLayout node, Path file, String text) throws AgentException {
    try {
      AtomicFiles.write(config.dataRoot(), file, text, readers);
    } catch (IOException e) {
      throw new AgentException(Kind.FATAL, "node " + node.port() + ": write " + file + ": " + e, e);
    }
  }

  private static Optional<String> read(NodeLayout node, Path file) throws AgentException {
    try {
      return Files.exists(file) ? Optional.of(Files.readString(file)) : Optional.empty();
    } catch (IOException e) {
      throw new AgentException(Kind.FATAL, "node " + node.port() + ": read " + file + ": " + e, e);
    }
  }
}
