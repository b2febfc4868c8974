package io.redisfleet.agent.service;

import io.redisfleet.agent.AgentConfig;
import io.redisfleet.agent.AgentException;
import io.redisfleet.agent.AgentException.Kind;
import io.redisfleet.agent.fs.NodeLayout;
import io.redisfleet.agent.server.NodeServer;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Runs each node as an instance of the template unit {@code redis-fleet@.service} (shipped in
 * the agent .deb): start is {@code systemctl enable --now}, so nodes come back after a reboot;
 * remove is {@code systemctl disable --now}. The template never changes at runtime; on a host
 * whose server is not /usr/bin/redis-server (Valkey) a per-node drop-in says which binary runs
 * ({@link SystemdServerDropIn}), followed by a daemon-reload when it changed.
 *
 * <p>Before a node starts on the port the distribution's {@code redis-server.service} holds,
 * that unit is stopped and disabled; {@link #takeoverOf} tells what was taken over.
 */
public final class SystemdServiceManager implements ServiceManager {

  private final SystemdCtl ctl;
  private final SystemdDataDir dataDir;
  private final SystemdDistroRedis distro;
  private final SystemdServerDropIn server;
  private final Map<Integer, String> takeovers = new ConcurrentHashMap<>();

  public SystemdServiceManager(AgentConfig config) {
    this(new SystemdProcessCommands(), SystemdDataDir.redis(), SystemdDistroRedis.debian(),
        Duration.ofMillis(200), new SystemdServerDropIn(Optional.of(Path.of("/etc/systemd/system")),
            node -> NodeServer.binary(config, node)));
  }

  SystemdServiceManager(SystemdCommands commands, SystemdDataDir dataDir, SystemdDistroRedis distro,
      Duration pollInterval) {
    this(commands, dataDir, distro, pollInterval, SystemdServerDropIn.none());
  }

  SystemdServiceManager(SystemdCommands commands, SystemdDataDir dataDir, SystemdDistroRedis distro,
      Duration pollInterval, SystemdServerDropIn server) {
    this.ctl = new SystemdCtl(commands, pollInterval);
    this.dataDir = dataDir;
    this.distro = distro;
    this.server = server;
  }

  /** The instance name of a node, e.g. redis-fleet@7000.service. */
  public static String unitOf(NodeLayout node) {
    return "redis-fleet@" + node.port() + ".service";
  }

  @Override
  public String backendName() {
    return "systemd";
  }

  @Override
  public List<String> confLines(NodeLayout node) {
    // An empty logfile sends the node's log to stdout, which systemd hands to the journal.
    return List.of("daemonize no", "supervised systemd", "pidfile " + node.pidFile(), "logfile \"\"");
  }

  /** The unit runs redis-server as the data dir's group (redis), which must read the conf. */
  @Override
  public Optional<String> confReaderGroup() {
    return Optional.of(dataDir.group());
  }

  @Override
  public Optional<String> takeOverPort(NodeLayout node, Duration timeout) throws AgentException {
    return takeOverPortFromDistroUnit(node, timeout);
  }

  @Override
  public void start(NodeLayout node, Duration timeout) throws AgentException {
    String unit = unitOf(node);
    SystemdCtl.Deadline deadline = SystemdCtl.Deadline.after(timeout);
    SystemdUnitState state = ctl.show(unit, deadline);
    if (state.isActive()) {
      return;
    }
    prepare(node, state, deadline);
    ctl.run(unit, "start", deadline, "enable", "--now", unit);
    ctl.awaitActive(unit, deadline);
  }

  @Override
  public void restart(NodeLayout node, Duration timeout) throws AgentException {
    String unit = unitOf(node);
    SystemdCtl.Deadline deadline = SystemdCtl.Deadline.after(timeout);
    prepare(node, ctl.show(unit, deadline), deadline);
    ctl.run(unit, "restart", deadline, "restart", unit);
    ctl.awaitActive(unit, deadline);
  }

  @Override
  public void stop(NodeLayout node, Duration timeout) throws AgentException {
    String unit = unitOf(node);
    SystemdCtl.Deadline deadline = SystemdCtl.Deadline.after(timeout);
    ctl.run(unit, "stop", deadline, "stop", unit);
    ctl.awaitDown(unit, deadline);
  }

  @Override
  public ServiceStatus status(NodeLayout node) throws AgentException {
    return ctl.show(unitOf(node), SystemdCtl.Deadline.after(Duration.ofSeconds(10))).toStatus();
  }

  /**
   * One {@code systemctl show} for every node: on a host each systemctl process costs tens of
   * milliseconds (measured on the e2e hosts: 4 parallel ones 110-240 ms in all), and observing a
   * host asks for all of its nodes.
   */
  @Override
  public java.util.Map<Integer, ServiceStatus> statuses(java.util.List<NodeLayout> nodes) throws AgentException {
    java.util.Map<Integer, ServiceStatus> out = new java.util.HashMap<>();
    if (nodes.isEmpty()) {
      return out;
    }
    java.util.Map<String, SystemdUnitState> states = ctl.showAll(nodes.stream().map(SystemdServiceManager::unitOf).toList(),
        SystemdCtl.Deadline.after(Duration.ofSeconds(10)));
    for (NodeLayout node : nodes) {
      out.put(node.port(), states.get(unitOf(node)).toStatus());
    }
    return out;
  }

  @Override
  public void remove(NodeLayout node, Duration timeout) throws AgentException {
    String unit = unitOf(node);
    SystemdCtl.Deadline deadline = SystemdCtl.Deadline.after(timeout);
    ctl.run(unit, "remove", deadline, "disable", "--now", unit);
    ctl.awaitDown(unit, deadline);
    server.remove(node);
  }

  /** Creates the node's data dir owned by redis:redis, mode 0750 (the unit may write only there). */
  public void prepareDataDir(NodeLayout node) throws AgentException {
    dataDir.prepare(node);
  }

  /**
   * Stops and disables the distribution's redis-server.service when it is active on the node's
   * port, and says so; empty when there was nothing to take over.
   */
  public Optional<String> takeOverPortFromDistroUnit(NodeLayout node, Duration timeout)
      throws AgentException {
    SystemdCtl.Deadline deadline = SystemdCtl.Deadline.after(timeout);
    if (!ctl.show(distro.unit(), deadline).isActive() || distroPort(node) != node.port()) {
      return Optional.empty();
    }
    ctl.run(distro.unit(), "take over port " + node.port(), deadline, "disable", "--now", distro.unit());
    ctl.awaitDown(distro.unit(), deadline);
    String what = "stopped and disabled " + distro.unit() + ", which held port " + node.port()
        + " (from " + distro.conf() + ")";
    takeovers.put(node.port(), what);
    return Optional.of(what);
  }

  /** What {@link #start} or {@link #restart} took over for this node, if anything. */
  public Optional<String> takeoverOf(NodeLayout node) {
    return Optional.ofNullable(takeovers.get(node.port()));
  }

  private void prepare(NodeLayout node, SystemdUnitState state, SystemdCtl.Deadline deadline)
      throws AgentException {
    prepareDataDir(node);
    if (server.sync(node)) {
      ctl.run(unitOf(node), "daemon-reload", deadline, "daemon-reload");
    }
    takeOverPortFromDistroUnit(node, deadline.remaining());
    if (state.isFailed()) {
      // A unit that hit its start limit refuses to start until its failure is cleared.
      ctl.run(unitOf(node), "reset-failed", deadline, "reset-failed", unitOf(node));
    }
  }

  private int distroPort(NodeLayout node) throws AgentException {
    try {
      return distro.port();
    } catch (IOException e) {
      throw new AgentException(Kind.NEEDS_OPERATOR, "node " + node.port() + ": reading "
          + distro.conf() + " to see which port " + distro.unit() + " holds failed: " + e, e);
    }
  }
}
