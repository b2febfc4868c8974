package io.redisfleet.agent;

import io.redisfleet.agent.fs.NodeLayout;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * How one agent runs: where its confs and node data live, which address its host is reached
 * at, which redis-server it runs and which service backend starts the nodes.
 *
 * <p>Two layouts exist: {@link #installed} for a host with the .deb (confs in
 * /etc/redis-fleet/nodes, data in /var/lib/redis-fleet) and {@link #underStateDir} for the
 * embedded agent and tests (everything below one directory the user owns).
 *
 * @param confDir directory holding {@code <port>.conf}, one per node (written by the agent only)
 * @param dataRoot directory holding one {@code <port>/} directory per node (Redis-owned files)
 * @param hostAddress the address other hosts and the controller reach this host's nodes at
 * @param redisServer the redis-server binary; empty means search PATH and /usr/bin
 * @param backend which {@code ServiceManager} starts the nodes
 */
public record AgentConfig(
    Path confDir, Path dataRoot, String hostAddress, Optional<Path> redisServer, Backend backend) {

  /** The service backend: systemd units on real hosts, daemonized processes elsewhere. */
  public enum Backend { SYSTEMD, PROCESS, AUTO }

  public AgentConfig {
    Objects.requireNonNull(confDir, "confDir");
    Objects.requireNonNull(dataRoot, "dataRoot");
    Objects.requireNonNull(hostAddress, "hostAddress");
    Objects.requireNonNull(redisServer, "redisServer");
    Objects.requireNonNull(backend, "backend");
    confDir = confDir.toAbsolutePath().normalize();
    dataRoot = dataRoot.toAbsolutePath().normalize();
  }

  /** Everything below one directory: {@code stateDir/nodes/<port>.conf}, {@code stateDir/data/<port>/}. */
  public static AgentConfig underStateDir(Path stateDir, String hostAddress, Backend backend) {
    return new AgentConfig(
        stateDir.resolve("nodes"), stateDir.resolve("data"), hostAddress, Optional.empty(), backend);
  }

  /** The host paths of the README ("Real hosts") for a host with the agent .deb installed. */
  public static AgentConfig installed(String hostAddress) {
    return new AgentConfig(
        Path.of("/etc/redis-fleet/nodes"), Path.of("/var/lib/redis-fleet"), hostAddress,
        Optional.empty(), Backend.AUTO);
  }

  /** The files of one node. The port is an int, so no request string ever becomes a path. */
  public NodeLayout node(int port) {
    return new NodeLayout(port, confDir.resolve(port + ".conf"), dataRoot.resolve(Integer.toString(port)));
  }
}
