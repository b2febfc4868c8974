package io.redisfleet.agent.service;

import io.redisfleet.agent.AgentException;
import io.redisfleet.agent.fs.NodeLayout;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The port through which the agent starts and stops redis-server nodes. Adapters: a process
 * backend ({@code daemonize yes} plus a pidfile, as the tutorial runs Redis) and a systemd
 * backend (one {@code redis-fleet@<port>.service} instance per node).
 *
 * <p>Every method is idempotent: starting a running node or stopping a stopped one does nothing.
 * Every wait is bounded by the given timeout and fails with an {@link AgentException} naming
 * the node when it expires.
 */
public interface ServiceManager {

  /** "process" or "systemd", reported in the host facts. */
  String backendName();

  /**
   * The directives this backend needs in every node's conf (e.g. {@code daemonize yes} and
   * {@code pidfile} for the process backend; {@code daemonize no}, {@code supervised systemd}
   * for systemd). Each element is a full conf line without newline, e.g. "daemonize yes".
   */
  List<String> confLines(NodeLayout node);

  /** Starts the node if it is not running and waits until its process is alive. */
  void start(NodeLayout node, Duration timeout) throws AgentException;

  /** Stops the node if it is running and waits until its process is gone. */
  void stop(NodeLayout node, Duration timeout) throws AgentException;

  /** Stops then starts the node (or starts it if it was not running). */
  void restart(NodeLayout node, Duration timeout) throws AgentException;

  /** Whether the node's process is alive, and its PID. */
  ServiceStatus status(NodeLayout node) throws AgentException;

  /**
   * {@link #status} of several nodes, by port. A backend that can ask for all at once does (one
   * {@code systemctl show} for a host's nodes instead of one process per node); this default asks
   * one after the other.
   */
  default java.util.Map<Integer, ServiceStatus> statuses(java.util.List<NodeLayout> nodes) throws AgentException {
    java.util.Map<Integer, ServiceStatus> out = new java.util.HashMap<>();
    for (NodeLayout node : nodes) {
      out.put(node.port(), status(node));
    }
    return out;
  }

  /** Removes whatever the backend installed for this node (a unit instance's enablement). */
  void remove(NodeLayout node, Duration timeout) throws AgentException;

  /**
   * Frees the node's port from a service this backend knows to hold it by default (Debian's
   * {@code redis-server.service} on 6379) before the node's first start, and says what it took
   * over; empty when there was nothing to take over. Backends that install no such service keep
   * this default.
   */
  default Optional<String> takeOverPort(NodeLayout node, Duration timeout) throws AgentException {
    return Optional.empty();
  }

  /**
   * The group that must be able to read node confs because the nodes run as another user (redis
   * under systemd); empty when nodes run as the agent's own user.
   */
  default Optional<String> confReaderGroup() {
    return Optional.empty();
  }
}
