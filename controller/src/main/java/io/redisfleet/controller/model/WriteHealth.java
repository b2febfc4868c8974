package io.redisfleet.controller.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A running node's ability to take writes, from its INFO: the last background save, AOF write
 * and AOF rewrite ("err" is a persistence error; a failed save or AOF write makes Redis refuse
 * writes with MISCONF), and its memory limit (at maxmemory with noeviction it refuses them with OOM).
 *
 * @param rdbLastBgsaveStatus "ok", "err" or "" (unknown)
 * @param aofLastWriteStatus "ok", "err" or ""
 * @param aofLastBgrewriteStatus "ok", "err" or ""
 * @param usedMemory bytes
 * @param maxmemory bytes, 0 for no limit
 * @param maxmemoryPolicy e.g. "noeviction"
 * @param bgsaveErrorAllowsWrites after a failed save the node still takes writes
 *     (stop-writes-on-bgsave-error no, or no save points)
 */
public record WriteHealth(String rdbLastBgsaveStatus, String aofLastWriteStatus, String aofLastBgrewriteStatus,
    long usedMemory, long maxmemory, String maxmemoryPolicy, boolean bgsaveErrorAllowsWrites) {

  public static final WriteHealth UNKNOWN = new WriteHealth("", "", "", 0, 0, "", false);

  /** The INFO fields that say err, as "field:err". */
  public List<String> persistenceErrors() {
    List<String> out = new ArrayList<>();
    if ("err".equals(rdbLastBgsaveStatus)) {
      out.add("rdb_last_bgsave_status:err");
    }
    if ("err".equals(aofLastWriteStatus)) {
      out.add("aof_last_write_status:err");
    }
    if ("err".equals(aofLastBgrewriteStatus)) {
      out.add("aof_last_bgrewrite_status:err");
    }
    return out;
  }

  /** At its memory limit with noeviction: every write that needs memory is refused. */
  public boolean outOfMemory() {
    return maxmemory > 0 && usedMemory >= maxmemory && "noeviction".equals(maxmemoryPolicy);
  }

  /**
   * The error writes get now: MISCONF after a failed AOF write, or a failed save unless the node
   * takes writes anyway (Redis refuses them until a save or write succeeds), else OOM at the limit.
   */
  public Optional<String> refusesWrites() {
    if ("err".equals(rdbLastBgsaveStatus) && !bgsaveErrorAllowsWrites || "err".equals(aofLastWriteStatus)) {
      return Optional.of("MISCONF");
    }
    return outOfMemory() ? Optional.of("OOM") : Optional.empty();
  }

  /** What is wrong, for the health column; empty when nothing. */
  public List<String> problems() {
    List<String> out = new ArrayList<>();
    if (!persistenceErrors().isEmpty()) {
      out.add("persistence error (" + String.join(", ", persistenceErrors()) + ")"
          + (refusesWrites().filter("MISCONF"::equals).isPresent() ? ": writes refused (MISCONF)" : ""));
    }
    if (outOfMemory()) {
      out.add("out of memory (used_memory " + usedMemory + " >= maxmemory " + maxmemory
          + ", noeviction): writes refused (OOM)");
    }
    return out;
  }
}
