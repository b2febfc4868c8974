package io.redisfleet.agent.server;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which server a binary or a running node is: its engine ("redis" or "valkey") and that engine's
 * own version. Valkey reports redis_version 7.2.4 in INFO for client compatibility, so its own
 * version comes from valkey_version (INFO) or from "Valkey server v=8.0.1" (--version).
 */
public record ServerVersion(String engine, String version) {

  public static final String REDIS = "redis";
  public static final String VALKEY = "valkey";
  public static final ServerVersion UNKNOWN = new ServerVersion("", "");

  private static final Pattern VERSION_LINE = Pattern.compile("(?i)(redis|valkey) server v=(\\S+)");
  private static final Pattern NUMBERS = Pattern.compile("(\\d+)\\.(\\d+)(?:\\.(\\d+))?");

  /** "Redis server v=7.0.15 sha=..." or "Valkey server v=8.0.1 ..."; UNKNOWN for anything else. */
  public static ServerVersion ofVersionOutput(String output) {
    Matcher m = VERSION_LINE.matcher(output);
    return m.find() ? new ServerVersion(m.group(1).toLowerCase(java.util.Locale.ROOT), m.group(2)) : UNKNOWN;
  }

  /** From INFO server fields: server_name (Valkey only) and valkey_version, else redis_version. */
  public static ServerVersion ofInfo(Map<String, String> info) {
    if (VALKEY.equals(info.get("server_name")) || info.containsKey("valkey_version")) {
      return new ServerVersion(VALKEY, info.getOrDefault("valkey_version", ""));
    }
    String v = info.getOrDefault("redis_version", "");
    return v.isEmpty() ? UNKNOWN : new ServerVersion(REDIS, v);
  }

  /** Redis 7.0+ and every Valkey keep the AOF in a directory (appenddirname); Redis 6.x does not know it. */
  public boolean aofDirectory() {
    return !REDIS.equals(engine) || atLeast(version, 7, 0);
  }

  public boolean known() {
    return !engine.isEmpty() && !version.isEmpty();
  }

  /** True when a Redis-compatible version string (INFO redis_version) is at least major.minor. */
  public static boolean atLeast(String redisVersion, int major, int minor) {
    Matcher m = NUMBERS.matcher(redisVersion);
    if (!m.find()) {
      return true; // unknown: assume a current server, whose refusal would name the command
    }
    int ma = Integer.parseInt(m.group(1));
    int mi = Integer.parseInt(m.group(2));
    return ma > major || (ma == major && mi >= minor);
  }

  @Override
  public String toString() {
    return known() ? engine + " " + version : "unknown";
  }
}
