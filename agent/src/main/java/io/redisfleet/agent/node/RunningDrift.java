package io.redisfleet.agent.node;

import io.redisfleet.agent.AgentException;
import io.redisfleet.agent.conf.ConfDiff;
import io.redisfleet.agent.redis.RedisAdmin;
import io.redisfleet.agent.v1.Directive;
import io.redisfleet.agent.v1.NodeSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Drift of the running node from its conf: a live-settable directive the spec sets whose running
 * value (CONFIG GET) is another than the conf's — a live change that was only half applied, or a
 * by-hand CONFIG SET. Each becomes a live change. Directives whose CONFIG GET form cannot be
 * compared with the conf's without guessing (client-output-buffer-limit lists every class,
 * notify-keyspace-events reorders its flags) are left out. The auth directives count only when
 * the node runs without the one the conf sets (auth enabled in the conf, not live): a password
 * that differs is the business of the phased rotation (PasswordPhases), which must not be
 * short-circuited by a CONFIG SET requirepass that drops the old password early.
 */
final class RunningDrift {

  private static final Set<String> NOT_COMPARED = Set.of("client-output-buffer-limit", "notify-keyspace-events");
  private static final Set<String> AUTH = Set.of("masterauth", "masteruser", "requirepass");

  private final RedisAdmin redis;

  RunningDrift(RedisAdmin redis) {
    this.redis = redis;
  }

  /** The changes that bring the running node to the rendered conf, for directives the conf diff does not already change. */
  List<ConfDiff.Change> differing(int port, NodeSpec spec, String rendered, ConfDiff fileDiff) {
    Map<String, List<List<String>>> wanted = ConfDiff.parse(rendered);
    List<String> names = java.util.stream.Stream.concat(
            spec.getDirectivesList().stream().map(Directive::getName).map(n -> n.toLowerCase(Locale.ROOT)),
            AUTH.stream().sorted()).distinct()
        .filter(n -> ConfDiff.isLive(n) && !NOT_COMPARED.contains(n) && wanted.containsKey(n))
        .filter(n -> !fileDiff.names().contains(n)).toList();
    return compare(port, names, wanted);
  }

  /**
   * The live-settable directives of the conf on disk whose running value is another: the same
   * comparison as {@link #differing}, without a spec (the metrics endpoint asks between applies).
   */
  List<String> againstConf(int port, String conf) {
    Map<String, List<List<String>>> wanted = ConfDiff.parse(conf);
    List<String> names = wanted.keySet().stream()
        .filter(n -> ConfDiff.isLive(n) && !NOT_COMPARED.contains(n)).sorted().toList();
    return compare(port, names, wanted).stream().map(ConfDiff.Change::name).toList();
  }

  private List<ConfDiff.Change> compare(int port, List<String> names, Map<String, List<List<String>>> wanted) {
    if (names.isEmpty()) {
      return List.of();
    }
    Map<String, String> running;
    try {
      running = redis.configGet(port, names);
    } catch (AgentException e) {
      return List.of(); // unknown: no claim is made, the observation reports the node
    }
    List<ConfDiff.Change> out = new ArrayList<>();
    boolean fenced = fencedIn(running) || names.contains(WriteFence.TO_WRITE) && fencedNow(port);
    for (String name : names) {
      if (fenced && (name.equals(WriteFence.TO_WRITE) || name.equals(WriteFence.MAX_LAG))) {
        continue; // a handover's write fence (WriteFence): lifted by its own steps, not undone as drift
      }
      ConfDiff.Change change = new ConfDiff.Change(name, wanted.get(name), true);
      String now = running.get(name);
      boolean differs = AUTH.contains(name) ? now != null && now.isEmpty() && !change.configSetValue().isEmpty()
          : now != null && !ConfValues.same(change.configSetValue(), now);
      if (differs) {
        out.add(change);
      }
    }
    return out;
  }

  private static boolean fencedIn(Map<String, String> running) {
    try {
      return Long.parseLong(running.getOrDefault(WriteFence.TO_WRITE, "0").strip()) >= WriteFence.FENCE;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private boolean fencedNow(int port) {
    try {
      return WriteFence.fenced(redis, port);
    } catch (AgentException e) {
      return true; // unknown: leave the two alone rather than lift a fence by accident
    }
  }
}
