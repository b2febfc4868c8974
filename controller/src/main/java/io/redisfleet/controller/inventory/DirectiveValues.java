package io.redisfleet.controller.inventory;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The value types of the redis.conf directives that take one integer, memory size, yes/no or
 * one word of a fixed set (Redis 7.0's config.c), so a mistyped value ({@code databases = "abc"})
 * is an inventory error instead of a node that does not start. Directives not listed here are
 * not checked: their values are left to Redis.
 */
final class DirectiveValues {

  private static final Pattern INTEGER = Pattern.compile("-?\\d+");
  private static final Pattern MEMORY = Pattern.compile("-?\\d+(k|kb|m|mb|g|gb)?", Pattern.CASE_INSENSITIVE);

  private static final Set<String> INTEGERS = Set.of("databases", "maxclients", "tcp-backlog", "timeout",
      "tcp-keepalive", "hz", "cluster-node-timeout", "repl-timeout", "repl-diskless-sync-delay",
      "repl-diskless-sync-max-replicas", "min-replicas-to-write", "min-replicas-max-lag", "replica-priority",
      "slowlog-log-slower-than", "slowlog-max-len", "latency-monitor-threshold", "maxmemory-samples",
      "maxmemory-eviction-tenacity", "active-expire-effort", "lua-time-limit", "busy-reply-threshold",
      "auto-aof-rewrite-percentage", "cluster-migration-barrier", "cluster-replica-validity-factor",
      "repl-backlog-ttl", "io-threads", "lfu-log-factor", "lfu-decay-time", "hash-max-listpack-entries",
      "set-max-intset-entries", "zset-max-listpack-entries", "list-max-listpack-size", "list-compress-depth",
      "active-defrag-cycle-min", "active-defrag-cycle-max", "active-defrag-threshold-lower",
      "active-defrag-threshold-upper", "tracking-table-max-keys", "shutdown-timeout", "stream-node-max-entries");

  private static final Set<String> MEMORY_SIZES = Set.of("maxmemory", "repl-backlog-size",
      "auto-aof-rewrite-min-size", "proto-max-bulk-len", "client-query-buffer-limit", "hash-max-listpack-value",
      "zset-max-listpack-value", "active-defrag-ignore-bytes", "stream-node-max-bytes");

  private static final Set<String> BOOLEANS = Set.of("appendonly", "no-appendfsync-on-rewrite",
      "stop-writes-on-bgsave-error", "rdbcompression", "rdbchecksum", "cluster-require-full-coverage",
      "cluster-allow-reads-when-down", "cluster-allow-replica-migration", "cluster-replica-no-failover",
      "repl-diskless-sync", "repl-disable-tcp-nodelay", "replica-read-only", "replica-serve-stale-data",
      "replica-lazy-flush", "replica-announced", "dynamic-hz", "lazyfree-lazy-eviction", "lazyfree-lazy-expire",
      "lazyfree-lazy-server-del", "lazyfree-lazy-user-del", "lazyfree-lazy-user-flush", "activedefrag",
      "activerehashing", "protected-mode", "aof-use-rdb-preamble", "aof-load-truncated", "aof-timestamp-enabled",
      "rdb-del-sync-files", "crash-log-enabled", "jemalloc-bg-thread", "io-threads-do-reads");

  private static final Map<String, List<String>> ENUMS = Map.of(
      "maxmemory-policy", List.of("volatile-lru", "volatile-lfu", "volatile-random", "volatile-ttl",
          "allkeys-lru", "allkeys-lfu", "allkeys-random", "noeviction"),
      "appendfsync", List.of("always", "everysec", "no"),
      "loglevel", List.of("debug", "verbose", "notice", "warning"),
      "repl-diskless-load", List.of("disabled", "on-empty-db", "swapdb"),
      "oom-score-adj", List.of("no", "yes", "relative", "absolute"),
      "sanitize-dump-payload", List.of("no", "yes", "clients"),
      "propagation-error-behavior", List.of("ignore", "panic", "panic-on-replicas"));

  private DirectiveValues() {}

  /** What is wrong with one occurrence's arguments, if its directive's type is known and they do not fit it. */
  static Optional<String> problem(String name, List<String> args) {
    String kind = INTEGERS.contains(name) ? "an integer"
        : MEMORY_SIZES.contains(name) ? "a size in bytes (an integer, optionally with k, kb, m, mb, g or gb)"
        : BOOLEANS.contains(name) ? "yes or no (or true/false)"
        : ENUMS.containsKey(name) ? "one of " + String.join(", ", ENUMS.get(name))
        : "";
    if (kind.isEmpty()) {
      return Optional.empty();
    }
    if (args.size() != 1 || !fits(name, args.get(0))) {
      return Optional.of("value \"" + Text.printable(String.join(" ", args)) + "\" is not valid: " + name
          + " takes " + kind);
    }
    return Optional.empty();
  }

  private static boolean fits(String name, String value) {
    String v = value.toLowerCase(Locale.ROOT);
    if (INTEGERS.contains(name)) {
      return INTEGER.matcher(v).matches();
    }
    if (MEMORY_SIZES.contains(name)) {
      return MEMORY.matcher(v).matches();
    }
    if (BOOLEANS.contains(name)) {
      return v.equals("yes") || v.equals("no");
    }
    return ENUMS.get(name).contains(v);
  }
}
