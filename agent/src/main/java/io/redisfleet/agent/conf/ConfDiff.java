package io.redisfleet.agent.conf;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The differences between the conf on disk and the freshly rendered one, by directive name.
 *
 * <p>Algorithm: both texts are split into lines (comments and blanks dropped) and grouped by
 * directive name, keeping every occurrence in order, since directives such as {@code save}
 * repeat. A name differs when its occurrence lists differ. A difference can be applied live
 * when the name is in {@link #LIVE}, a list of directives CONFIG SET changes safely on a running
 * node, and the new conf still sets it: a removed directive would have to go back to its
 * built-in default, which CONFIG SET cannot express, so a removal needs a restart — except for
 * the password directives, whose default is empty and is set live as "" (auth removed without a
 * restart, which would break the replica link until the master followed). Everything else
 * (port, bind, cluster-enabled, paths, modules, ...) needs a restart.
 */
public record ConfDiff(List<Change> changes) {

  /** Directives CONFIG SET applies to a running node with the same effect as a restart. */
  static final Set<String> LIVE = Set.of(
      "maxmemory", "maxmemory-policy", "maxmemory-samples", "maxclients",
      "appendonly", "appendfsync", "no-appendfsync-on-rewrite", "auto-aof-rewrite-percentage",
      "auto-aof-rewrite-min-size", "save", "stop-writes-on-bgsave-error", "rdbcompression", "rdbchecksum",
      "cluster-node-timeout", "cluster-require-full-coverage", "cluster-allow-reads-when-down",
      "cluster-replica-validity-factor", "cluster-migration-barrier", "cluster-allow-replica-migration",
      "repl-diskless-sync", "repl-diskless-sync-delay", "repl-timeout", "repl-backlog-size",
      "repl-backlog-ttl", "replica-read-only", "replica-serve-stale-data", "replica-priority",
      "min-replicas-to-write", "min-replicas-max-lag", "timeout", "tcp-keepalive", "loglevel",
      "slowlog-log-slower-than", "slowlog-max-len", "latency-monitor-threshold", "hz", "dynamic-hz",
      "notify-keyspace-events", "lazyfree-lazy-eviction", "lazyfree-lazy-expire",
      "lazyfree-lazy-server-del", "lazyfree-lazy-user-del", "lazyfree-lazy-user-flush",
      "replica-lazy-flush", "activedefrag", "active-expire-effort", "busy-reply-threshold",
      "lua-time-limit", "client-output-buffer-limit",
      // authentication: a password change is applied live (masterauth before requirepass)
      "masterauth", "masteruser", "requirepass");

  /** Live directives whose built-in default is the empty string, so removing them is CONFIG SET "". */
  static final Set<String> CLEARABLE = Set.of("masterauth", "masteruser", "requirepass");

  /**
   * One changed directive.
   *
   * @param name the directive
   * @param newValues its occurrences in the rendered conf, each the list of its arguments
   * @param live whether CONFIG SET can apply it to a running node
   */
  public record Change(String name, List<List<String>> newValues, boolean live) {

    /** The value for CONFIG SET: all occurrences' arguments joined by spaces (as "save" wants). */
    public String configSetValue() {
      List<String> words = new ArrayList<>();
      newValues.forEach(words::addAll);
      return String.join(" ", words);
    }
  }

  public static ConfDiff between(String existing, String rendered) {
    Map<String, List<List<String>>> before = parse(existing);
    Map<String, List<List<String>>> after = parse(rendered);
    Set<String> names = new LinkedHashSet<>(after.keySet());
    names.addAll(before.keySet());
    List<Change> changes = new ArrayList<>();
    for (String name : names) {
      List<List<String>> now = after.getOrDefault(name, List.of());
      if (!now.equals(before.getOrDefault(name, List.of()))) {
        changes.add(new Change(name, now, LIVE.contains(name) && (!now.isEmpty() || CLEARABLE.contains(name))));
      }
    }
    return new ConfDiff(List.copyOf(changes));
  }

  /** Whether CONFIG SET can change this directive on a running node. */
  public static boolean isLive(String name) {
    return LIVE.contains(name);
  }

  /** This diff plus changes found elsewhere (the running config); names already here win. */
  public ConfDiff plus(List<Change> more) {
    List<Change> all = new ArrayList<>(changes);
    more.stream().filter(c -> !names().contains(c.name())).forEach(all::add);
    return new ConfDiff(List.copyOf(all));
  }

  /** Directive name (lower-cased, as Redis reads it) to the argument lists of its occurrences. */
  public static Map<String, List<List<String>>> parse(String conf) {
    Map<String, List<List<String>>> byName = new LinkedHashMap<>();
    for (String line : conf.split("\n", -1)) {
      List<String> words = ConfSyntax.split(line);
      if (!words.isEmpty()) {
        byName.computeIfAbsent(words.get(0).toLowerCase(java.util.Locale.ROOT), k -> new ArrayList<>())
            .add(List.copyOf(words.subList(1, words.size())));
      }
    }
    return byName;
  }

  public boolean isEmpty() {
    return changes.isEmpty();
  }

  /** The change of one directive, if it changed. */
  public java.util.Optional<Change> change(String name) {
    return changes.stream().filter(c -> c.name().equals(name)).findFirst();
  }

  /** This diff without the changes of one directive (applied some other way). */
  public ConfDiff without(String name) {
    return new ConfDiff(changes.stream().filter(c -> !c.name().equals(name)).toList());
  }

  public boolean allLive() {
    return changes.stream().allMatch(Change::live);
  }

  public List<String> names() {
    return changes.stream().map(Change::name).toList();
  }
}
