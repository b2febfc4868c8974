package io.redisfleet.agent.node;

import io.redisfleet.agent.AgentConfig;
import io.redisfleet.agent.AgentException;
import io.redisfleet.agent.server.ServerVersion;
import io.redisfleet.agent.server.StartRecord;
import io.redisfleet.agent.server.NodeServer;
import io.redisfleet.agent.AgentException.Kind;
import io.redisfleet.agent.fs.NodeLayout;
import io.redisfleet.agent.redis.RedisAdmin;
import io.redisfleet.agent.service.ServiceManager;
import java.time.Duration;
import java.util.Optional;

/**
 * Starts or restarts a node and waits until it answers PING, so callers get a usable node; then
 * records which binary version that process was started from ({@link StartRecord}).
 */
final class NodeStarter {

  static final Duration START_TIMEOUT = Duration.ofSeconds(10);
  private static final Duration PING_TIMEOUT = Duration.ofSeconds(10);

  private final AgentConfig config;
  private final ServiceManager services;
  private final RedisAdmin redis;

  NodeStarter(AgentConfig config, ServiceManager services, RedisAdmin redis) {
    this.config = config;
    this.services = services;
    this.redis = redis;
  }

  /**
   * Starts a stopped node; refuses when another process holds its port or bus port, unless the
   * backend knows that process (the distribution's Redis) and takes the port over deliberately.
   * Returns what was taken over, so the caller reports it as a change.
   */
  Optional<String> start(NodeLayout node, boolean cluster) throws AgentException {
    if (services.status(node).running()) {
      awaitPing(node.port());
      return Optional.empty();
    }
    Optional<String> takenOver = services.takeOverPort(node, START_TIMEOUT);
    checkPortFree(node.port(), node.port());
    if (cluster) {
      checkPortFree(node.port(), node.port() + 10000);
    }
    services.start(node, START_TIMEOUT);
    awaitPing(node.port());
    record(node);
    return takenOver;
  }

  void restart(NodeLayout node) throws AgentException {
    services.restart(node, START_TIMEOUT);
    awaitPing(node.port());
    record(node);
  }

  /** The binary the service runs is the node's (the unit's drop-in and the process backend use it). */
  private void record(NodeLayout node) throws AgentException {
    ServerVersion installed = NodeServer.binary(config, node).map(HostFactsReader::serverVersion)
        .orElse(ServerVersion.UNKNOWN);
    if (!installed.known()) {
      return; // nothing to record: INFO will say what runs
    }
    String runId;
    try {
      runId = redis.info(node.port()).runId();
    } catch (AgentException e) {
      return; // no record: the node's INFO version is taken for it, which is what runs right now
    }
    try {
      StartRecord.write(config.confDir(), node, runId, installed);
    } catch (java.io.IOException e) {
      throw new AgentException(Kind.FATAL, "node " + node.port() + ": started, but recording its server version in "
          + StartRecord.file(node) + " failed: " + e, e);
    }
  }

  private static void checkPortFree(int node, int port) throws AgentException {
    if (!PortProbe.isFree(port)) {
      throw new AgentException(Kind.NEEDS_OPERATOR, "node " + node + ": start: port " + port
          + " is already in use by a process that is not this node");
    }
  }

  private void awaitPing(int port) throws AgentException {
    long deadline = System.nanoTime() + PING_TIMEOUT.toNanos();
    AgentException last = null;
    while (System.nanoTime() < deadline) {
      try {
        redis.ping(port);
        return;
      } catch (AgentException e) {
        last = e; // loading or not listening yet
      }
      try {
        Thread.sleep(25);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    throw new AgentException(Kind.RETRYABLE, "node " + port + ": start: process is up but did not answer PING in "
        + PING_TIMEOUT.toSeconds() + " s" + (last == null ? "" : ": " + last.getMessage()), last);
  }
}
