package io.redisfleet.agent.node;

import io.redisfleet.agent.AgentConfig;
import io.redisfleet.agent.AgentException;
import io.redisfleet.agent.AgentException.Kind;
import io.redisfleet.agent.fs.AtomicFiles;
import io.redisfleet.agent.fs.NodeLayout;
import io.redisfleet.agent.redis.RedisAdmin;
import io.redisfleet.agent.service.ServiceManager;
import io.redisfleet.agent.v1.RemoveNodeResponse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * RemoveNode: stop the node, then delete its conf and its data directory. Data is never deleted
 * by accident: a running node holding keys, or a stopped node with RDB/AOF files on disk (whose
 * key count cannot be known), is removed only with force.
 */
public final class NodeRemover {

  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

  private final AgentConfig config;
  private final ServiceManager services;
  private final RedisAdmin redis;

  public NodeRemover(AgentConfig config, ServiceManager services, RedisAdmin redis) {
    this.config = config;
    this.services = services;
    this.redis = redis;
  }

  public RemoveNodeResponse remove(int port, boolean force) throws AgentException {
    return remove(port, force, false);
  }

  /**
   * @param replicaCopy also remove a node holding keys when, checked right now, it is a replica
   *     (not of a cluster) whose link to its master is up: its keys are a copy
   */
  public RemoveNodeResponse remove(int port, boolean force, boolean replicaCopy) throws AgentException {
    NodeLayout node = config.node(port);
    boolean running = services.status(node).running();
    if (!running && !Files.exists(node.confFile()) && !Files.exists(node.dataDir())) {
      return RemoveNodeResponse.newBuilder().setChanged(false).setDetail("not present").build();
    }
    if (!force && running && replicaCopy) {
      refuseUnlessLinkedReplica(node);
    } else if (!force) {
      refuseIfData(node, running);
    }
    services.stop(node, STOP_TIMEOUT);
    services.remove(node, STOP_TIMEOUT);
    try {
      AtomicFiles.deleteTree(config.confDir(), node.confFile());
      AtomicFiles.deleteTree(config.confDir(), node.previousConfFile());
      AtomicFiles.deleteTree(config.confDir(), AppliedConf.file(node));
      AtomicFiles.deleteTree(config.confDir(), io.redisfleet.agent.server.StartRecord.file(node));
      AtomicFiles.deleteTree(config.confDir(), io.redisfleet.agent.server.NodeServer.engineFile(node));
      AtomicFiles.deleteTree(config.dataRoot(), node.dataDir());
    } catch (IOException e) {
      throw new AgentException(Kind.FATAL, "node " + port + ": remove files: " + e, e);
    }
    return RemoveNodeResponse.newBuilder().setChanged(true)
        .setDetail("stopped and removed " + node.confFile() + " and " + node.dataDir()).build();
  }

  /** Its keys are a copy only while it replicates (not as a cluster node) with its link up. */
  private void refuseUnlessLinkedReplica(NodeLayout node) throws AgentException {
    var info = redis.info(node.port());
    if (info.keys() > 0 && !(info.isReplica() && !info.clusterEnabled() && "up".equals(info.masterLinkStatus()))) {
      throw new AgentException(Kind.NEEDS_OPERATOR, "node " + node.port() + ": remove: holds " + info.keys()
          + " keys and is not a replica with its link up (role " + info.role() + ", link "
          + (info.masterLinkStatus().isEmpty() ? "none" : info.masterLinkStatus()) + "): they may be the only copy;"
          + " use --force to remove it anyway");
    }
  }

  private void refuseIfData(NodeLayout node, boolean running) throws AgentException {
    if (running) {
      long keys = redis.info(node.port()).keys(); // every database, not only db 0 as DBSIZE
      if (keys > 0) {
        throw new AgentException(Kind.NEEDS_OPERATOR, "node " + node.port() + ": remove: node holds " + keys
            + " keys; use --force to remove it anyway");
      }
      return;
    }
    Path rdb = node.dataDir().resolve("dump.rdb");
    Path aof = node.dataDir().resolve("appendonlydir");
    if (Files.exists(rdb) || Files.exists(aof)) {
      throw new AgentException(Kind.NEEDS_OPERATOR, "node " + node.port() + ": remove: node is stopped and has"
          + " data files in " + node.dataDir() + " (key count unknown); start it or use --force");
    }
  }
}
