package io.redisfleet.agent.redis;

import java.util.HashMap;
import java.util.Map;

/**
 * The parts of INFO the agent reports.
 *
 * @param role "master" or "replica" (Redis says "slave")
 * @param masterHost for a replica, its master's host; "" otherwise
 * @param masterPort for a replica, its master's port; 0 otherwise
 * @param masterLinkStatus for a replica, "up" or "down"; "" otherwise
 * @param replOffset master_repl_offset on a master, slave_repl_offset on a replica
 * @param keys keys summed over every database of the keyspace section
 * @param writes persistence and memory state (MISCONF / OOM causes)
 */
public record NodeInfo(String role, String masterHost, int masterPort, String masterLinkStatus,
    long replOffset, long keys, String redisVersion, long usedMemory, long uptimeSeconds,
    String runId, boolean clusterEnabled, WriteHealth writes) {

  /** Without persistence or memory facts (tests of the other fields). */
  public NodeInfo(String role, String masterHost, int masterPort, String masterLinkStatus, long replOffset, long keys,
      String redisVersion, long usedMemory, long uptimeSeconds, String runId, boolean clusterEnabled) {
    this(role, masterHost, masterPort, masterLinkStatus, replOffset, keys, redisVersion, usedMemory, uptimeSeconds,
        runId, clusterEnabled, WriteHealth.UNKNOWN);
  }

  public boolean isReplica() {
    return role.equals("replica");
  }

  /** Parses the text of INFO (any sections; missing fields become empty or 0). */
  public static NodeInfo parse(String info) {
    Map<String, String> f = new HashMap<>();
    long keys = 0;
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
        f.getOrDefault("run_id", ""), "1".equals(f.get("cluster_enabled")), WriteHealth.of(f));
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
