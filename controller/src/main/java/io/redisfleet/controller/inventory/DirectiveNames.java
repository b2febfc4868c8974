package io.redisfleet.controller.inventory;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * The redis.conf directive names an inventory may use: those Redis 7.0 accepts (the resource
 * {@code redis-7.0-directives.txt}, which says where its list comes from) plus the inventory's own
 * {@code unchecked-directives}, the escape hatch for names a newer redis-server accepts. A typo
 * would otherwise surface only as a node that refuses to start, on some host, after the plan ran.
 */
final class DirectiveNames {

  private static final String RESOURCE = "/redis-7.0-directives.txt";
  static final Set<String> REDIS_7_0 = load();

  private final Set<String> unchecked;

  DirectiveNames(Set<String> unchecked) {
    this.unchecked = Set.copyOf(unchecked);
  }

  /** Why the name is not accepted, e.g. {@code unknown redis.conf directive "x" ...}; empty if it is. */
  Optional<String> problem(String name) {
    if (REDIS_7_0.contains(name) || unchecked.contains(name)) {
      return Optional.empty();
    }
    return Optional.of("unknown redis.conf directive \"" + name + "\"" + Suggest.hint(name, REDIS_7_0)
        + "; if your redis-server accepts it, list it in unchecked-directives");
  }

  private static Set<String> load() {
    try (InputStream in = DirectiveNames.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the controller's classpath");
      }
      Set<String> names = new HashSet<>();
      new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines()
          .map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).forEach(names::add);
      return Set.copyOf(names);
    } catch (IOException e) {
      throw new UncheckedIOException("read " + RESOURCE, e);
    }
  }
}
