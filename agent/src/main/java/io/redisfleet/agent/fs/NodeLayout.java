package io.redisfleet.agent.fs;

import java.nio.file.Path;

/**
 * Where one node's files live. The agent writes the conf; Redis owns everything in dataDir
 * (cluster-config-file, RDB, AOF, pidfile, log), so two nodes never share data files.
 *
 * @param port the node's client port (its bus port is port + 10000)
 * @param confFile the node's conf, rendered by the agent
 * @param dataDir the node's own working directory ({@code dir} in redis.conf)
 */
public record NodeLayout(int port, Path confFile, Path dataDir) {

  public NodeLayout {
    if (!io.redisfleet.contract.Ports.validNode(port)) {
      throw new IllegalArgumentException("port " + port + " out of range 1.." + io.redisfleet.contract.Ports.MAX_CLUSTER + " (bus port = port + 10000)");
    }
  }

  /**
   * The last conf known to be fully applied, kept while a newer one is being applied (live
   * changes, a restart): its login still opens a node a half-applied change left behind, and a
   * node that does not come back with the new conf is started again with it.
   */
  public Path previousConfFile() {
    return confFile.resolveSibling(confFile.getFileName() + ".prev");
  }

  public Path pidFile() {
    return dataDir.resolve("redis.pid");
  }

  public Path logFile() {
    return dataDir.resolve("redis.log");
  }

  /** The name Redis writes its cluster state to, relative to dataDir (as the tutorial names it). */
  public String clusterConfigFileName() {
    return port + "_node.conf";
  }

  public Path clusterConfigFile() {
    return dataDir.resolve(clusterConfigFileName());
  }
}
