package io.redisfleet.agent.service;

import io.redisfleet.agent.AgentConfig;
import io.redisfleet.agent.AgentException;
import io.redisfleet.agent.AgentException.Kind;
import io.redisfleet.agent.fs.NodeLayout;
import io.redisfleet.agent.server.NodeServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Runs nodes as the tutorial does: {@code redis-server <conf>} with {@code daemonize yes} and a
 * pidfile. Redis forks and calls setsid, so nodes outlive the agent (and an embedding controller
 * JVM); the pidfile plus a /proc check is the only record of which process is which node.
 */
public final class ProcessServiceManager implements ServiceManager {

  private static final long POLL_MILLIS = 25;

  private final AgentConfig config;

  public ProcessServiceManager(AgentConfig config) {
    this.config = config;
  }

  @Override
  public String backendName() {
    return "process";
  }

  @Override
  public List<String> confLines(NodeLayout node) {
    return List.of("daemonize yes", "pidfile " + io.redisfleet.agent.conf.ConfSyntax.quote(node.pidFile().toString()));
  }

  @Override
  public void start(NodeLayout node, Duration timeout) throws AgentException {
    if (PidFiles.liveRedis(node.pidFile()).isPresent()) {
      return;
    }
    Path binary = NodeServer.binary(config, node).orElseThrow(() -> new AgentException(Kind.NEEDS_OPERATOR,
        "node " + node.port() + ": start: " + NodeServer.missing(config, node)));
    long deadline = System.nanoTime() + timeout.toNanos();
    String output = launch(node, binary, timeout);
    while (System.nanoTime() < deadline) {
      if (PidFiles.liveRedis(node.pidFile()).isPresent()) {
        return;
      }
      sleep(node, "start");
    }
    throw new AgentException(Kind.RETRYABLE, "node " + node.port() + ": start: no live redis-server in "
        + node.pidFile() + " after " + timeout.toMillis() + " ms" + (output.isBlank() ? "" : ": " + output));
  }

  /** Runs the launcher; with daemonize yes it exits as soon as the daemon forked. */
  private String launch(NodeLayout node, Path binary, Duration timeout) throws AgentException {
    try {
      Files.deleteIfExists(node.pidFile()); // stale: liveRedis said it names no live node
      Process p = new ProcessBuilder(binary.toString(), node.confFile().toString())
          .redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
          .start();
      if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        p.destroyForcibly();
        throw new AgentException(Kind.RETRYABLE, "node " + node.port() + ": start: launcher did not return in "
            + timeout.toMillis() + " ms (is daemonize yes in the conf?)");
      }
      String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      if (p.exitValue() != 0) {
        Kind kind = output.contains("CONFIG FILE ERROR") ? Kind.INVALID_REQUEST : Kind.FATAL;
        throw new AgentException(kind, "node " + node.port() + ": start: redis-server exited with "
            + p.exitValue() + ": " + output);
      }
      return output;
    } catch (IOException e) {
      throw new AgentException(Kind.FATAL, "node " + node.port() + ": start: cannot run " + binary + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AgentException(Kind.RETRYABLE, "node " + node.port() + ": start: interrupted", e);
    }
  }

  @Override
  public void stop(NodeLayout node, Duration timeout) throws AgentException {
    Optional<ProcessHandle> live = PidFiles.liveRedis(node.pidFile());
    if (live.isEmpty()) {
      return;
    }
    ProcessHandle p = live.get();
    p.destroy(); // SIGTERM: Redis saves (if configured) and exits cleanly
    if (!waitGone(node, p, System.nanoTime() + timeout.toNanos())) {
      p.destroyForcibly(); // last resort: the node ignored SIGTERM for the whole timeout
      if (!waitGone(node, p, System.nanoTime() + Duration.ofSeconds(5).toNanos())) {
        throw new AgentException(Kind.FATAL, "node " + node.port() + ": stop: pid " + p.pid() + " survived SIGKILL");
      }
    }
    try {
      Files.deleteIfExists(node.pidFile());
    } catch (IOException e) {
      throw new AgentException(Kind.FATAL, "node " + node.port() + ": stop: cannot remove " + node.pidFile(), e);
    }
  }

  private boolean waitGone(NodeLayout node, ProcessHandle p, long deadline) throws AgentException {
    while (System.nanoTime() < deadline) {
      if (!PidFiles.isRedisServer(p)) {
        return true;
      }
      sleep(node, "stop");
    }
    return !PidFiles.isRedisServer(p);
  }

  @Override
  public void restart(NodeLayout node, Duration timeout) throws AgentException {
    stop(node, timeout);
    start(node, timeout);
  }

  @Override
  public ServiceStatus status(NodeLayout node) {
    return PidFiles.liveRedis(node.pidFile())
        .map(p -> new ServiceStatus(true, p.pid(),
            p.info().startInstant().map(java.time.Instant::toEpochMilli).orElse(0L)))
        .orElse(ServiceStatus.stopped());
  }

  @Override
  public void remove(NodeLayout node, Duration timeout) throws AgentException {
    stop(node, timeout); // nothing else is installed for a process node
  }

  private static void sleep(NodeLayout node, String step) throws AgentException {
    try {
      Thread.sleep(POLL_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AgentException(Kind.RETRYABLE, "node " + node.port() + ": " + step + ": interrupted", e);
    }
  }
}
