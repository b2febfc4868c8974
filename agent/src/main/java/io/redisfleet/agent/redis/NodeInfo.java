package io.redisfleet.agent.redis;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The parts of INFO the agent reports.
 *
 * @param role "master" or "replica" (Redis says "slave")
 * @param masterHost for a replica, its master's host; "" otherwise
 * @param masterPort for a replica, its master's port; 0 otherwise
 * @param masterLinkStatus for a replica, "up" or "down"; "" otherwise
 * @param replOffset master_repl_offset on a master, slave_repl_offset on a replica
 * @param keys keys summed over every database of the keyspace section
 * @param processId the node's own PID (process_id), 0 when not reported
 * @param replicas on a master, the replicas connected to it as it sees them (slaveN lines)
 * @param writes persistence and memory state (MISCONF / OOM causes)
 * @param server the engine and its own version (INFO server_name, valkey_version, redis_version)
 * @param replId master_replid: the replication history this node serves or follows
 * @param replId2 master_replid2: the history it followed before it was promoted ("" or zeros when none)
 */
public record NodeInfo(String role, String masterHost, int masterPort, String masterLinkStatus,
    long replOffset, long keys, String redisVersion, long usedMemory, long uptimeSeconds,
    String runId, boolean clusterEnabled, long processId, List<ConnectedReplica> replicas, WriteHealth writes,
    io.redisfleet.agent.server.ServerVersion server, String replId, String replId2) {

  /** A replica as its master sees it: the address it connected from, its listening port, its state. */
  public record ConnectedReplica(String ip, int port, String state, long offset) {}

  public NodeInfo {
    replicas = List.copyOf(replicas);
  }

  /** Without the replication ids (tests of the other fields). */
  public NodeInfo(String role, String masterHost, int masterPort, String masterLinkStatus,
      long replOffset, long keys, String redisVersion, long usedMemory, long uptimeSeconds,
      String runId, boolean clusterEnabled, long processId, List<ConnectedReplica> replicas, WriteHealth writes,
      io.redisfleet.agent.server.ServerVersion server) {
    this(role, masterHost, masterPort, masterLinkStatus, replOffset, keys, redisVersion, usedMemory, uptimeSeconds,
        runId, clusterEnabled, processId, replicas, writes, server, "", "");
  }

  /** Without persistence or memory facts (tests of the other fields). */
  public NodeInfo(String role, String masterHost, int masterPort, String masterLinkStatus, long replOffset,
      long keys, String redisVersion, long usedMemory, long uptimeSeconds, String runId, boolean clusterEnabled,
      long processId, List<ConnectedReplica> replicas) {
    this(role, masterHost, masterPort, masterLinkStatus, replOffset, keys, redisVersion, usedMemory, uptimeSeconds,
        runId, clusterEnabled, processId, replicas, WriteHealth.UNKNOWN,
        io.redisfleet.agent.server.ServerVersion.ofInfo(Map.of("redis_version", redisVersion)));
  }

  /** Without process id, replicas, persistence or memory facts (as tests build it). */
  public NodeInfo(String role, String masterHost, int masterPort, String masterLinkStatus, long replOffset,
      long keys, String redisVersion, long usedMemory, long uptimeSeconds, String runId, boolean clusterEnabled) {
    this(role, masterHost, masterPort, masterLinkStatus, replOffset, keys, redisVersion, usedMemory, uptimeSeconds,
        runId, clusterEnabled, 0, List.of(), WriteHealth.UNKNOWN,
        io.redisfleet.agent.server.ServerVersion.ofInfo(Map.of("redis_version", redisVersion)));
  }

  public boolean isReplica() {
    return role.equals("replica");
  }

  /** Parses the text of INFO (any sections; missing fields become empty or 0). */
  public static NodeInfo parse(String info) {
    Map<String, String> f = new HashMap<>();
    long keys = 0;
    List<ConnectedReplica> replicas = new ArrayList<>();
    for (String raw : info.split("\n")) {
      String line = raw.strip();
      int colon = line.indexOf(':');
      if (line.startsWith("#") || colon < 0) {
        continue;
      }
      String key = line.substring(0, colon);
      String value = line.substring(colon + 1);
      if (key.matches("db\\d+")) {
        keys += dbKeys(value);
      } else if (key.matches("slave\\d+")) {
        replica(value).ifPresent(replicas::add);
      } else {
        f.put(key, value);
      }
    }
    String role = "slave".equals(f.get("role")) ? "replica" : f.getOrDefault("role", "");
    boolean replica = role.equals("replica");
    return new NodeInfo(role, f.getOrDefault("master_host", ""), (int) num(f, "master_port"),
        f.getOrDefault("master_link_status", ""),
        num(f, replica ? "slave_repl_offset" : "master_repl_offset"), keys,
        f.getOrDefault("redis_version", ""), num(f, "used_memory"), num(f, "uptime_in_seconds"),
        f.getOrDefault("run_id", ""), "1".equals(f.get("cluster_enabled")), num(f, "process_id"), replicas,
        WriteHealth.of(f), io.redisfleet.agent.server.ServerVersion.ofInfo(f),
        f.getOrDefault("master_replid", ""), f.getOrDefault("master_replid2", ""));
  }

  /** "ip=10.0.0.2,port=6379,state=online,offset=42,lag=0"; empty when a field is missing. */
  private static Optional<ConnectedReplica> replica(String value) {
    Map<String, String> f = new HashMap<>();
    for (String part : value.split(",")) {
      int eq = part.indexOf('=');
      if (eq > 0) {
        f.put(part.substring(0, eq), part.substring(eq + 1));
      }
    }
    if (!f.containsKey("ip") || !f.containsKey("port")) {
      return Optional.empty();
    }
    return Optional.of(new ConnectedReplica(f.get("ip"), (int) num(f, "port"), f.getOrDefault("state", ""),
        num(f, "offset")));
  }

  /** "keys=12,expires=0,avg_ttl=0" gives 12. */
  private static long dbKeys(String value) {
    for (String part : value.split(",")) {
      if (part.startsWith("keys=")) {
        return Long.parseLong(part.substring(5));
      }
    }
    return 0;
  }

  private static long num(Map<String, String> f, String key) {
    try {
      return Long.parseLong(f.getOrDefault(key, "0"));
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
