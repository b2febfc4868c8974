package io.redisfleet.agent.redis;

import java.util.Map;

/**
 * What INFO says about a node's ability to take writes: the outcome of its last background save,
 * AOF write and AOF rewrite (an "err" makes a node refuse writes with MISCONF), and its memory
 * limit and policy (at the limit with noeviction it refuses writes with OOM).
 *
 * @param rdbLastBgsaveStatus "ok", "err" or "" (unknown)
 * @param aofLastWriteStatus "ok", "err" or ""
 * @param aofLastBgrewriteStatus "ok", "err" or ""
 * @param maxmemory bytes, 0 for no limit
 * @param maxmemoryPolicy e.g. "noeviction"
 */
public record WriteHealth(String rdbLastBgsaveStatus, String aofLastWriteStatus, String aofLastBgrewriteStatus,
    long maxmemory, String maxmemoryPolicy) {

  public static final WriteHealth UNKNOWN = new WriteHealth("", "", "", 0, "");

  /** From the fields of INFO (persistence and memory sections). */
  static WriteHealth of(Map<String, String> info) {
    long maxmemory;
    try {
      maxmemory = Long.parseLong(info.getOrDefault("maxmemory", "0"));
    } catch (NumberFormatException e) {
      maxmemory = 0;
    }
    return new WriteHealth(info.getOrDefault("rdb_last_bgsave_status", ""),
        info.getOrDefault("aof_last_write_status", ""), info.getOrDefault("aof_last_bgrewrite_status", ""),
        maxmemory, info.getOrDefault("maxmemory_policy", ""));
  }
}
